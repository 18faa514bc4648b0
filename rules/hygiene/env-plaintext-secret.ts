/**
 * A secret in a `.env` file that git ignores and only its owner can read: the common practice, so
 * only `low`, but the encrypted store keeps it safe from backups, screen shares and stray tools.
 * In such a file this rule stands in for the secret rules (whose findings it replaces).
 */
import { defineHygieneRule } from '../../src/core/define-rule.js';

export default defineHygieneRule({
  meta: {
    name: 'env-plaintext-secret',
    description: 'Plaintext secret in a git-ignored, owner-only .env file',
    severity: 'low',
    recommended: true,
    message: '{{what}} stored in plaintext in {{file}} ({{excerpt}})',
    fix: 'Move it into the encrypted store: `keyaudit keys import <file> --remove-from-env`.',
  },
  check(file, ctx) {
    if (!isProtectedEnvFile(file)) return;
    for (const secret of file.secretsFound) {
      ctx.report({
        data: { file: file.path, what: secret.description, excerpt: secret.excerpt },
        line: secret.line,
        column: secret.column,
        excerpt: secret.excerpt,
        key: secret.fingerprint,
      });
    }
  },
});

/** Ignored (or outside git) and untracked, and unreadable by group and others. */
export function isProtectedEnvFile(file: { isEnvFile: boolean; gitTracked: boolean | null; gitIgnored: boolean | null; mode: number | null }): boolean {
  return file.isEnvFile && file.gitTracked !== true && file.gitIgnored !== false && file.mode !== null && (file.mode & 0o077) === 0;
}
