/** Builds dist/ (tsc, then the CLI bundle) once before the suite, so tests that spawn bin/keyaudit.js run the current code. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (process.env.KEYAUDIT_SKIP_BUILD === '1') return;
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'pipe' });
  } catch {
    // tsc still emits on type errors; `npm run build` in .ci/run is the gate for those.
    console.warn('global-setup: tsc reported errors; spawned-CLI tests run whatever was emitted');
  }
  // bin/keyaudit.js loads the bundle (dist/cli/), built from tsc's output.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { stdio: 'pipe' });
}
