// Writes the documents derived from code (npm run docs). Run after `npm run build`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from '../dist/src/docs/generated.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const [file, content] of Object.entries(generatedDocs())) {
  writeFileSync(path.join(root, file), content);
  console.log(`wrote ${file}`);
}
