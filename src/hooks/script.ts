/**
 * The text of keyaudit's pre-commit hook. A POSIX sh script (Git for Windows runs hooks with its
 * bundled sh too) that finds keyaudit, runs `keyaudit scan --staged`, and on failure tells the user
 * how to fix or allow the finding. keyaudit's own output shows masked excerpts only; the hook adds
 * nothing that could hold a secret.
 */

/** First lines of every hook keyaudit writes; `isKeyauditHook` recognises it by these. */
export const HOOK_MARKER = '# keyaudit-hook: v1';

/** Suffix of the file a foreign hook is moved to when keyaudit chains it (`--force`). */
export const CHAINED_SUFFIX = '.keyaudit-chained';

export function isKeyauditHook(content: string): boolean {
  return content.split('\n', 5).some((line) => line.trim() === HOOK_MARKER);
}

/** Single-quotes a value for sh: safe for any path, including spaces and quotes. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface HookScriptOptions {
  /** Absolute path of the keyaudit bin (bin/keyaudit.js) that installed the hook, if known. */
  installedBin: string | null;
  /** Absolute path of the node that installed the hook: used when `node` is not on PATH (git GUIs). */
  nodePath: string;
  /** File name (in the same hooks directory) of a chained foreign hook, run first. */
  chained: string | null;
}

export function hookScript(options: HookScriptOptions): string {
  const lines = [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Installed by `keyaudit hook install`; `keyaudit hook uninstall` removes it and restores what was here.',
    '# Blocks a commit that would add a plaintext secret: runs `keyaudit scan --staged`.',
    '',
  ];
  if (options.chained !== null) {
    lines.push(
      '# The hook that was here before keyaudit runs first, as git would have run it.',
      `chained="$(dirname "$0")/${options.chained}"`,
      'if [ -x "$chained" ]; then',
      '  "$chained" "$@" || exit $?',
      'fi',
      '',
    );
  }
  lines.push(
    // Prefer the project's own keyaudit (the version it pins), then the one that installed the hook,
    // then one on PATH, then npx without installing anything.
    `node_bin=$(command -v node 2>/dev/null || echo ${shQuote(options.nodePath)})`,
    'top=$(git rev-parse --show-toplevel 2>/dev/null || pwd)',
    'if [ -f "$top/node_modules/keyaudit/bin/keyaudit.js" ]; then',
    '  set -- "$node_bin" "$top/node_modules/keyaudit/bin/keyaudit.js"',
  );
  if (options.installedBin !== null) {
    lines.push(`elif [ -f ${shQuote(options.installedBin)} ]; then`, `  set -- "$node_bin" ${shQuote(options.installedBin)}`);
  }
  lines.push(
    'elif command -v keyaudit >/dev/null 2>&1; then',
    '  set -- keyaudit',
    'elif command -v npx >/dev/null 2>&1; then',
    '  set -- npx --no-install keyaudit',
    'else',
    "  echo 'keyaudit: pre-commit hook: keyaudit is not installed (npm install --save-dev keyaudit); commit blocked.' >&2",
    "  echo '  To commit anyway: git commit --no-verify. To remove the hook: npx keyaudit hook uninstall.' >&2",
    '  exit 1',
    'fi',
    '',
    '"$@" scan --staged',
    'status=$?',
    'if [ "$status" -eq 1 ]; then',
    "  echo '' >&2",
    "  echo 'keyaudit: commit blocked: the staged changes hold a finding at or above --fail-on (listed above, secrets masked).' >&2",
    "  echo '  Fix: remove the secret from the file, revoke/rotate it if it was real, keep it in the environment or `keyaudit keys add`, then git add again.' >&2",
    "  echo '  False positive? Add a comment with `keyaudit:allow <rule-id>` on that line, or accept the current findings with `keyaudit baseline`.' >&2",
    "  echo '  To commit anyway (not recommended): git commit --no-verify' >&2",
    '  exit 1',
    'elif [ "$status" -ne 0 ]; then',
    "  echo 'keyaudit: pre-commit hook: keyaudit could not check the staged changes (see above); commit blocked so nothing unchecked slips through.' >&2",
    "  echo '  Fix the problem above, or commit with git commit --no-verify.' >&2",
    '  exit "$status"',
    'fi',
    'exit 0',
    '',
  );
  return lines.join('\n');
}
