/**
 * The written configuration (what users put in .keyauditrc / package.json#keyaudit), as zod schemas.
 * docs/config.schema.json is generated from `configSchema` (npm run docs) and checked by a test.
 */
import { z } from 'zod';

export const severitySettingSchema = z.enum(['critical', 'high', 'medium', 'low', 'info', 'off']);

/** `"high"`, or `["medium", { maxAgeDays: 60 }]` as in ESLint. */
export const ruleSettingSchema = z.union([
  severitySettingSchema,
  z.tuple([severitySettingSchema]),
  z.tuple([severitySettingSchema, z.record(z.string(), z.unknown())]),
]);

const envVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the NAME of an environment variable (letters, digits, _), never its value');

export const credentialsSchema = z.strictObject({
  env: z
    .strictObject({
      apiKey: envVarName,
      secret: envVarName.optional(),
      password: envVarName.optional(),
      uid: envVarName.optional(),
      privateKey: envVarName.optional(),
    })
    .describe('Names of environment variables that hold the credentials (for CI).'),
});

export const NEEDS = ['spot', 'margin', 'futures', 'options'] as const;

export const accountSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a name of letters, digits, ".", "_" or "-" (at most 64)')
    .describe('Unique account name; also the name of its entry in the encrypted store.'),
  exchange: z
    .string()
    .regex(/^[a-z][a-z0-9]*$/, 'expected a CCXT exchange id such as "binance" or "okx"')
    .describe('CCXT exchange id.'),
  credentials: credentialsSchema
    .optional()
    .describe('Where credentials come from; omitted = the store entry named like the account.'),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:8080' })
    .optional()
    .describe("Replaces the exchange's REST host for every request (testnets, proxies, test doubles)."),
  sandbox: z.boolean().optional().describe("Use the exchange's official testnet where CCXT knows one."),
  expectedIps: z
    .array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))
    .optional()
    .describe('IPs (or CIDR ranges) the key should be whitelisted to.'),
  needs: z.array(z.enum(NEEDS)).optional().describe('Trading scopes the bot needs; more than this is a finding.'),
});

const byteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb|kib|mib|gib)?$/i, 'expected a size such as 10485760 or "10MB"'),
]);

export const secretsSchema = z.strictObject({
  ignore: z.array(z.string()).optional().describe('Globs (gitignore syntax) to skip, on top of .gitignore.'),
  baseline: z.string().optional().describe('Path of the baseline file (default .keyaudit-baseline.json).'),
  maxFileSize: byteSize.optional().describe('Files larger than this are skipped and reported (default 25MB).'),
  allow: z.array(z.string()).optional().describe('Regexes: a secret matching any of them is never a finding.'),
  stopwords: z.array(z.string()).optional().describe('A secret containing any of these words is never a finding.'),
});

export const auditSchema = z.strictObject({
  timeoutMs: z.number().int().min(100).max(120000).optional().describe('Per-request timeout (default 10000).'),
  retries: z.number().int().min(0).max(5).optional().describe('Retries on rate limits, 5xx and network errors (default 2).'),
  concurrencyPerExchange: z.number().int().min(1).max(32).optional().describe('Accounts audited at once per exchange (default 4).'),
});

export const verifySchema = z.strictObject({
  baseUrls: z
    .record(z.string().regex(/^[a-z][a-z0-9]*$/, 'expected a CCXT exchange id'), z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }))
    .optional()
    .describe('Per exchange, a REST host that `scan --verify` uses instead of the real one (proxies, test doubles).'),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    accounts: z.array(accountSchema).optional().describe('Exchange API keys to audit.'),
    rules: z.record(z.string(), ruleSettingSchema).optional().describe('Per-rule severity ("off" disables) and options.'),
    secrets: secretsSchema.optional(),
    audit: auditSchema.optional(),
    verify: verifySchema.optional().describe('Settings of `scan --verify` (asking the exchange what a found key can do).'),
  })
  .superRefine((config, ctx) => {
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
  });

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
