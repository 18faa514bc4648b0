#!/usr/bin/env node
// The only place that touches the process: binds real IO to run() and sets the exit code. A failure
// to even load keyaudit (a broken install) is exit 2, never 1: 1 means "findings" to CI gates and hooks.
// `keyaudit … | head` closes the pipe early: stop quietly instead of dumping a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Node >= 22.1 caches compiled code between runs: most of the pre-commit hook's start-up is module
// compilation. A no-op on Node 20.
import module from 'node:module';
try {
  module.enableCompileCache?.();
} catch {
  // A read-only or missing cache directory only costs speed.
}

let run;
try {
  ({ run } = await import('../dist/cli/keyaudit.js'));
} catch (error) {
  const code = error && typeof error === 'object' && 'code' in error ? ` (${error.code})` : '';
  process.stderr.write(`keyaudit: could not load its compiled code${code}; reinstall or run \`npm run build\`.\n`);
  process.exitCode = 2;
}
if (run !== undefined) {
  process.exitCode = await run({
    argv: process.argv.slice(2),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTTY: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
  });
}
