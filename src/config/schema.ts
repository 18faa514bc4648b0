/**
 * The written configuration (what users put in .keyauditrc / package.json#keyaudit), as zod schemas.
 * docs/config.schema.json is generated from `configSchema` (npm run docs) and checked by a test.
 * zod/mini, not classic zod: every run (the pre-commit hook too) builds these schemas, and classic
 * zod's schema objects cost ~20 ms more to load and construct (docs/performance.md).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships without messages ("Invalid input"); users get the English ones.
z.config(en());

export const severitySettingSchema = z.enum(['critical', 'high', 'medium', 'low', 'info', 'off']);

/** `"high"`, or `["medium", { maxAgeDays: 60 }]` as in ESLint. */
export const ruleSettingSchema = z.union([
  severitySettingSchema,
  z.tuple([severitySettingSchema]),
  z.tuple([severitySettingSchema, z.record(z.string(), z.unknown())]),
]);

const envVarName = z
  .string()
  .check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the NAME of an environment variable (letters, digits, _), never its value'));

export const credentialsSchema = z.strictObject({
  env: z
    .strictObject({
      apiKey: envVarName,
      secret: z.optional(envVarName),
      password: z.optional(envVarName),
      uid: z.optional(envVarName),
      privateKey: z.optional(envVarName),
    })
    .check(z.describe('Names of environment variables that hold the credentials (for CI).')),
});

export const NEEDS = ['spot', 'margin', 'futures', 'options'] as const;

/** An optional field with its description (the generated JSON Schema shows it). */
const described = <T extends z.ZodMiniType>(schema: T, description: string) => z.optional(schema).check(z.describe(description));

export const accountSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a name of letters, digits, ".", "_" or "-" (at most 64)'),
      z.describe('Unique account name; also the name of its entry in the encrypted store.'),
    ),
  exchange: z.string().check(z.regex(/^[a-z][a-z0-9]*$/, 'expected a CCXT exchange id such as "binance" or "okx"'), z.describe('CCXT exchange id.')),
  credentials: described(credentialsSchema, 'Where credentials come from; omitted = the store entry named like the account.'),
  baseUrl: described(
    z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:8080' }),
    "Replaces the exchange's REST host for every request (testnets, proxies, test doubles).",
  ),
  sandbox: described(z.boolean(), "Use the exchange's official testnet where CCXT knows one."),
  expectedIps: described(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])), 'IPs (or CIDR ranges) the key should be whitelisted to.'),
  needs: described(z.array(z.enum(NEEDS)), 'Trading scopes the bot needs; more than this is a finding.'),
});

const byteSize = z.union([
  z.number().check(z.int(), z.positive()),
  z.string().check(z.regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb|kib|mib|gib)?$/i, 'expected a size such as 10485760 or "10MB"')),
]);

export const secretsSchema = z.strictObject({
  ignore: described(z.array(z.string()), 'Globs (gitignore syntax) to skip, on top of .gitignore.'),
  baseline: described(z.string(), 'Path of the baseline file (default .keyaudit-baseline.json).'),
  maxFileSize: described(byteSize, 'Files larger than this are skipped and reported (default 25MB).'),
  allow: described(z.array(z.string()), 'Regexes: a secret matching any of them is never a finding.'),
  stopwords: described(z.array(z.string()), 'A secret containing any of these words is never a finding.'),
});

export const auditSchema = z.strictObject({
  timeoutMs: described(z.number().check(z.int(), z.minimum(100), z.maximum(120000)), 'Per-request timeout (default 10000).'),
  retries: described(z.number().check(z.int(), z.minimum(0), z.maximum(5)), 'Retries on rate limits, 5xx and network errors (default 2).'),
  concurrencyPerExchange: described(z.number().check(z.int(), z.minimum(1), z.maximum(32)), 'Accounts audited at once per exchange (default 4).'),
});

export const verifySchema = z.strictObject({
  baseUrls: described(
    z.record(z.string().check(z.regex(/^[a-z][a-z0-9]*$/, 'expected a CCXT exchange id')), z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })),
    'Per exchange, a REST host that `scan --verify` uses instead of the real one (proxies, test doubles).',
  ),
});

export const configSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    accounts: described(z.array(accountSchema), 'Exchange API keys to audit.'),
    rules: described(z.record(z.string(), ruleSettingSchema), 'Per-rule severity ("off" disables) and options.'),
    secrets: z.optional(secretsSchema),
    audit: z.optional(auditSchema),
    verify: described(verifySchema, 'Settings of `scan --verify` (asking the exchange what a found key can do).'),
  })
  .check(
    z.superRefine((config, ctx) => {
      const seen = new Map<string, number>();
      config.accounts?.forEach((account, index) => {
        const first = seen.get(account.name);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', index, 'name'],
            message: `duplicate account name "${account.name}" (also accounts[${first}])`,
          });
        } else seen.set(account.name, index);
      });
      config.secrets?.allow?.forEach((source, index) => {
        if (!compiles(source)) ctx.addIssue({ code: 'custom', path: ['secrets', 'allow', index], message: 'expected a valid regular expression' });
      });
    }),
  );

export type WrittenConfig = z.infer<typeof configSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** `1.5MB` -> bytes. */
export function parseByteSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  if (m === null) return Number.NaN;
  const units: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
  return Math.round(Number(m[1]) * (units[(m[2] ?? '').toLowerCase()] ?? Number.NaN));
}
