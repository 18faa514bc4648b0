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

import { fileURLToPath } from 'node:url';

// The CLI is a bundle (dist/cli/, scripts/bundle.mjs) loaded with a V8 code cache
// (dist/src/boot/bundle-loader.js): the pre-commit hook's start-up is mostly compiling JavaScript.
let run;
let loader;
try {
  const { BundleLoader } = await import('../dist/src/boot/bundle-loader.js');
  // The pre-commit hook's runs keep a code cache of their own (they compile a different subset).
  const profile = process.argv.includes('--staged') ? 'staged' : 'main';
  loader = new BundleLoader({ dir: fileURLToPath(new URL('../dist/cli/', import.meta.url)), env: process.env, profile });
  ({ run } = loader.require('keyaudit.js'));
} catch (error) {
  const code = error && typeof error === 'object' && 'code' in error ? ` (${error.code})` : '';
  process.stderr.write(`keyaudit: could not load its compiled code${code}; reinstall or run \`npm run build\`.\n`);
  process.exitCode = 2;
}
if (run !== undefined) {
  try {
    process.exitCode = await run({
      argv: process.argv.slice(2),
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
      isTTY: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    });
  } catch {
    // run() handles its own errors; this is the last resort if that handling itself failed. Never
    // let Node print the error: its message or stack could hold scanned data.
    process.stderr.write('keyaudit: internal error. Nothing was reported as safe.\n');
    process.exitCode = 2;
  }
  loader?.saveCodeCache();
}
