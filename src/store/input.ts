/**
 * Reading credentials for `keys add` / `keys rotate`: from no-echo prompts, or from stdin with one
 * field per line in the order `fieldsFor(exchange)` gives (a PEM may span lines up to its END
 * line). Never from flags. Errors name the missing fields, never a value.
 */
import { UsageError } from '../core/errors.js';
import type { Credentials } from '../exchanges/types.js';
import { fieldsFor, KNOWN_EXCHANGES, normalizePem, type FieldSpec } from './exchange-fields.js';
import { canPrompt, readFromTerminal, type PromptIO } from './prompt.js';
import { ENTRY_NAME, EXCHANGE_ID } from './entries.js';

/** More than any set of credentials: a runaway pipe is refused rather than buffered. */
const MAX_STDIN_BYTES = 1024 * 1024;

export async function readAllStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_STDIN_BYTES) throw new UsageError('--stdin: more than 1 MiB of input; expected one credential field per line.');
    chunks.push(buf);
  }
  const all = Buffer.concat(chunks);
  const text = all.toString('utf8');
  all.fill(0);
  for (const c of chunks) c.fill(0);
  return text;
}

function describe(fields: readonly FieldSpec[]): string {
  return fields.map((f, i) => `${i + 1}. ${f.label}${f.required ? '' : ' (optional)'}`).join(', ');
}

/** Parses `--stdin` text into credentials for `exchange`. */
export function parseStdinCredentials(text: string, exchange: string): Credentials {
  const fields = fieldsFor(exchange);
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const values: Partial<Credentials> = {};
  let i = 0;
  for (const spec of fields) {
    let value = (lines[i] ?? '').trim();
    i++;
    if (spec.pem === true && value.includes('-----BEGIN') && !value.includes('-----END')) {
      const block = [value];
      while (i < lines.length) {
        const line = (lines[i] ?? '').trim();
        i++;
        block.push(line);
        if (/-----END [A-Z0-9 ]+-----/.test(line)) break;
      }
      if (!/-----END [A-Z0-9 ]+-----/.test(block[block.length - 1] ?? '')) {
        throw new UsageError(`--stdin: the ${spec.label} starts a PEM block but has no -----END line.`);
      }
      value = block.join('\n');
    }
    if (spec.pem === true) value = normalizePem(value);
    if (value !== '') values[spec.field] = value;
  }
  const missing = fields.filter((f) => f.required && values[f.field] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `--stdin: missing ${missing.map((m) => m.label).join(', ')} for ${exchange}. Expected one field per line: ${describe(fields)}. Nothing was stored.`,
    );
  }
  const extra = lines.slice(i).filter((l) => l.trim() !== '');
  if (extra.length > 0) {
    throw new UsageError(`--stdin: ${extra.length} more line(s) than ${exchange} needs (${describe(fields)}); check the order. Nothing was stored.`);
  }
  return values as Credentials;
}

export interface CredentialInputIO extends PromptIO {
  stdin: NodeJS.ReadableStream;
}

/** Asks for each field the exchange needs, with no echo. */
export async function promptCredentials(io: CredentialInputIO, exchange: string): Promise<Credentials> {
  if (!canPrompt(io)) {
    throw new UsageError('stdin is not a terminal, so keyaudit cannot ask for the credentials: pass --stdin and write one field per line to stdin.');
  }
  const values: Partial<Credentials> = {};
  for (const spec of fieldsFor(exchange)) {
    const hint = spec.pem === true ? ' (paste it; it ends at the -----END line)' : '';
    let value = (await readFromTerminal(io, `${spec.label}${hint}: `, { pem: spec.pem === true })).trim();
    if (spec.pem === true) value = normalizePem(value);
    if (value === '' && spec.required) throw new UsageError(`the ${spec.label} is required for ${exchange}; nothing was stored.`);
    if (value !== '') values[spec.field] = value;
  }
  return values as Credentials;
}

export function checkEntryName(name: string): void {
  if (!ENTRY_NAME.test(name)) {
    throw new UsageError(`invalid name "${name.slice(0, 80)}": use letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit — the name of the account in your config.`);
  }
}

/** Checks the id is a CCXT exchange id; loads CCXT only for ids keyaudit does not list itself. */
export async function checkExchangeId(exchange: string): Promise<void> {
  if (!EXCHANGE_ID.test(exchange)) throw new UsageError(`invalid exchange id "${exchange.slice(0, 40)}": use the CCXT id, such as binance, okx or kraken.`);
  if (KNOWN_EXCHANGES.includes(exchange)) return;
  const { ccxtExchangeIds } = await import('../exchanges/ccxt-client.js');
  if (!(await ccxtExchangeIds()).includes(exchange)) {
    throw new UsageError(`unknown exchange id "${exchange}": keyaudit uses CCXT ids, such as ${KNOWN_EXCHANGES.slice(0, 8).join(', ')}.`);
  }
}
