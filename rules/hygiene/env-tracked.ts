/** A `.env` file committed to git: every clone and every fork now holds its secrets. */
import { defineHygieneRule } from '../../src/core/define-rule.js';

export default defineHygieneRule({
  meta: {
    name: 'env-tracked',
    description: '.env file tracked by git',
    severity: 'critical',
    recommended: true,
    message: '{{file}} is tracked by git: its secrets are in every clone',
    fix: 'Rotate every secret in it, run `git rm --cached <file>`, add it to .gitignore, and purge it from history (git filter-repo); keep the values in the environment or `keyaudit keys import`.',
  },
  check(file, ctx) {
    if (file.isEnvFile && file.gitTracked === true) ctx.report({ data: { file: file.path } });
  },
});
