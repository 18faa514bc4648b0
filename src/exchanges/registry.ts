/**
 * Which exchanges keyaudit has an adapter for. Each adapter module lives in its own file and
 * `export default` an ExchangeAdapter; to add one, import it below and add it to ADAPTERS
 * (keep both lists alphabetical, one line each, so parallel additions do not collide):
 *
 *   import coinbase from './coinbase.js';
 *   ...
 *   const ADAPTERS = [binance, bybit, coinbase, ...];
 *
 * An id CCXT knows but no adapter handles is audited as unknown `no-endpoint`; an id CCXT does not
 * know is a config error (see audit/index.ts); a closed exchange is `exchange-closed`.
 */
import type { ExchangeAdapter } from './types.js';
import binance from './binance.js';
import bitfinex from './bitfinex.js';
import bitget from './bitget.js';
import bybit from './bybit.js';
import coinbase from './coinbase.js';
import deribit from './deribit.js';
import gate from './gate.js';
import gemini from './gemini.js';
import htx from './htx.js';
import kraken from './kraken.js';
import kucoin from './kucoin.js';
import okx, { myokx, okxus } from './okx.js';
import unsupported from './unsupported.js';

const ADAPTERS: readonly ExchangeAdapter[] = [binance, bitfinex, bitget, bybit, coinbase, deribit, gate, gemini, htx, kraken, kucoin, myokx, okx, okxus, ...unsupported];

/**
 * Exchanges that closed, by id, with the closing date (exchanges.md §3 "None"). BitMEX has no CCXT
 * id any more, so the config check must accept it here.
 */
export const CLOSED_EXCHANGES: Readonly<Record<string, string>> = { bitmex: '2026-09-23' };

const byId = new Map<string, ExchangeAdapter>();
for (const adapter of ADAPTERS) {
  if (byId.has(adapter.id)) throw new Error(`two exchange adapters claim the id ${adapter.id}`);
  byId.set(adapter.id, adapter);
}

export function getAdapter(id: string): ExchangeAdapter | undefined {
  return byId.get(id);
}

/** Every adapter, sorted by id. */
export function listAdapters(): readonly ExchangeAdapter[] {
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
