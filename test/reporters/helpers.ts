/** Schema validators for report tests (official SARIF 2.1.0 schema; our JSON report schema). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { REPO_ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: object) => void;

export function sarifValidator(): (data: unknown) => string[] {
  const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The official schema is draft-04 (it uses `id`), which Ajv 8 reads only through ajv-draft-04.
  const Draft04 = (AjvDraft04 as unknown as { default?: typeof Ajv }).default ?? (AjvDraft04 as unknown as typeof Ajv);
  // unicodeRegExp off: one pattern in the official schema is not valid under the `u` flag.
  const ajv = new Draft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

export function reportValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
  const Ctor = (Ajv2020 as unknown as { default: typeof Ajv }).default ?? (Ajv2020 as unknown as typeof Ajv);
  const ajv = new Ctor({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}
