/** A `.env` file other local users can read (mode bits for group or others). */
import { defineHygieneRule } from '../../src/core/define-rule.js';

export default defineHygieneRule({
  meta: {
    name: 'env-permissive',
    description: '.env file readable by group or others',
    severity: 'medium',
    recommended: true,
    message: '{{file}} is readable by other users (mode {{mode}})',
    fix: 'Run `chmod 600 <file>` so only its owner can read it.',
  },
  check(file, ctx) {
    if (!file.isEnvFile || file.mode === null) return;
    if ((file.mode & 0o044) !== 0) ctx.report({ data: { file: file.path, mode: `0${(file.mode & 0o777).toString(8)}` } });
  },
});
