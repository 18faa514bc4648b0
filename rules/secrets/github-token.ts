/**
 * GitHub tokens: classic personal (`ghp_`), OAuth (`gho_`), user-to-server (`ghu_`), server-to-server
 * (`ghs_`), refresh (`ghr_`) tokens, 36 base62 characters after the prefix, and fine-grained personal
 * tokens `github_pat_<22>_<59>` (github.blog 2021-04-05 "Behind GitHub's new authentication token
 * formats"). A token can push to the bot's repository or read private ones.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'github-token',
    description: 'GitHub token in plaintext',
    severity: 'high',
    recommended: true,
    message: 'GitHub token in plaintext ({{excerpt}})',
    fix: 'Revoke the token (Settings → Developer settings → Tokens), and use the CI-provided GITHUB_TOKEN or a secret store for a new one.',
  },
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{70,90})(?![A-Za-z0-9_])/g,
  minEntropy: 3.5,
  validate: (s) => /[0-9]/.test(s) && /[A-Z]/.test(s),
  samples: (fake) => ({
    positive: [`GITHUB_TOKEN=ghp_${fake.alnum(36)}`, `token: github_pat_${fake.alnum(22)}_${fake.alnum(59)}`, `git clone https://x-access-token:ghs_${fake.alnum(36)}@github.com/o/r.git`],
    negative: ['GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}', `ref=ghp_${fake.alnum(20)}`],
  }),
});
