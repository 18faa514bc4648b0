#!/usr/bin/env node
// The only place that touches the process: binds real IO to run() and sets the exit code.
import { run } from '../dist/src/cli/main.js';

process.exitCode = await run({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  isTTY: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
});
