// Lint: typescript-eslint's recommended set plus the boundary of ../shared/STYLE.md — rules/ and
// src/core/ stay pure (no file system, no network, no process), so purity is a fact, not a hope.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureBoundary = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'ccxt', message: 'rules/ and src/core/ are pure: no network. Use src/exchanges/.' },
        { name: 'node:process', message: 'rules/ and src/core/ are pure: the CLI passes what they need.' },
        { name: 'process', message: 'rules/ and src/core/ are pure.' },
      ],
      patterns: [
        { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*'], message: 'rules/ and src/core/ are pure: files are read in src/sources/.' },
        { group: ['node:child_process', 'child_process', 'node:net', 'node:http', 'node:https', 'undici'], message: 'rules/ and src/core/ are pure.' },
      ],
    },
  ],
  'no-restricted-globals': ['error', { name: 'process', message: 'rules/ and src/core/ are pure: pass values in (ctx.now, options).' }, { name: 'fetch', message: 'No network in rules/ or src/core/.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/**', 'bench/.work/**', '.ci-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', Response: 'readonly', Headers: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', setImmediate: 'readonly', structuredClone: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', DOMException: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['rules/**/*.ts', 'src/core/**/*.ts'], rules: pureBoundary },
  { files: ['bin/**/*.js', 'scripts/**/*.js', 'bench/**/*.js', 'bench/**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
