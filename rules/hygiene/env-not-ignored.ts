/** A `.env` file that git would happily add: one `git add .` away from a leak. */
import { defineHygieneRule } from '../../src/core/define-rule.js';

export default defineHygieneRule({
  meta: {
    name: 'env-not-ignored',
    description: '.env file not ignored by git',
    severity: 'high',
    recommended: true,
    message: '{{file}} is not ignored by git: one `git add .` away from being committed',
    fix: 'Add the file (or `.env*` with `!.env.example`) to .gitignore.',
  },
  check(file, ctx) {
    if (file.isEnvFile && file.gitTracked === false && file.gitIgnored === false) ctx.report({ data: { file: file.path } });
  },
});
