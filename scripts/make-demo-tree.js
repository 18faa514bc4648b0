// Regenerates fixtures/demo-tree (the same files `scan --demo` builds at run time) from a fixed seed.
// Run after `npm run build`:  node scripts/make-demo-tree.js
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoRepoFiles } from '../dist/src/demo/demo-repo.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'demo-tree');
const files = demoRepoFiles();
for (const [name, content] of Object.entries(files)) {
  const file = path.join(root, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}
chmodSync(path.join(root, '.env'), 0o644);
console.log(`wrote ${Object.keys(files).length} files to ${path.relative(process.cwd(), root)}`);
