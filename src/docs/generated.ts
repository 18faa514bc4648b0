/**
 * Documents derived from code: the config JSON Schema (from the zod schema) and the rules
 * reference (from rule metadata). `npm run docs` writes them; tests fail when they drift.
 */
import { z } from 'zod';
import { configSchema } from '../config/schema.js';
import { renderRulesMarkdown } from '../reporters/rules.js';
import { allRules } from '../../rules/index.js';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const doc = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/keyaudit/keyaudit/blob/main/docs/config.schema.json',
    title: 'keyaudit configuration',
    description: 'Generated from src/config/schema.ts by `npm run docs`. Do not edit.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function rulesMarkdown(): string {
  return renderRulesMarkdown(allRules.map((r) => r.meta));
}

/** Every generated document: path relative to the repository root -> content. */
export function generatedDocs(): Record<string, string> {
  return { 'docs/config.schema.json': configJsonSchema(), 'docs/rules.md': rulesMarkdown() };
}
