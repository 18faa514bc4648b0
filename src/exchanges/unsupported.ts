/**
 * Exchanges keyaudit cannot ask about a key (../../shared/spec/exchanges.md §3 "None"). Their
 * adapters declare no endpoint at all, so the request guard refuses every request, and every fact
 * is unknown with the reason — never a guess:
 * - MEXC: `POST /api/v3/apiKeyInfo` **overwrites the key's IP whitelist**
 *   (https://www.mexc.in/api-docs/spot-v3/spot-account-trade/api-key-info); CCXT also has an
 *   undocumented GET. Both are on the guard's deny-list → `no-endpoint`.
 * - Crypto.com: permissions and IP whitelist are UI-only
 *   (https://help.crypto.com/en/articles/3511424-api-faq) → `no-endpoint`.
 * - Bitstamp: no key-introspection endpoint (`revoke_all_api_keys/` must never be called) →
 *   `no-endpoint`.
 * - Bitvavo: errors 310–312 name missing permissions but no safe probe is known
 *   (https://docs.bitvavo.com/docs/authentication) → `no-endpoint`; API withdrawals bypass 2FA.
 * - BitMEX: closed on 2026-09-23, no CCXT id → `exchange-closed` (secret detection still applies).
 * Any other CCXT id without an adapter gets `noEndpointAdapter(id)`.
 */
import { allUnknown, type KeyFacts, type Reason } from '../core/key-facts.js';
import type { ExchangeAdapter } from './types.js';

/** The `endpoint` these adapters report: there is none. */
export const NO_ENDPOINT = 'none';

interface NoneSpec {
  id: string;
  displayName: string;
  reason: Extract<Reason, 'no-endpoint' | 'exchange-closed'>;
  detail: string;
  docsUrl: string;
  policyNotes?: KeyFacts['policyNotes'];
}

function noneAdapter(spec: NoneSpec): ExchangeAdapter {
  return {
    id: spec.id,
    displayName: spec.displayName,
    coverage: 'none',
    supports: [],
    endpoints: [],
    needs: [],
    requiredPermission: spec.reason === 'exchange-closed' ? 'none (exchange closed)' : 'none (no key-introspection endpoint)',
    docsUrl: spec.docsUrl,
    // No network at all: there is nothing safe to ask.
    fetchRaw: () => Promise.resolve({ unsupported: spec.reason }),
    toFacts(_raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
      const facts = allUnknown(spec.id, NO_ENDPOINT, context.fetchedAt, spec.reason, spec.detail);
      facts.policyNotes = (spec.policyNotes ?? []).map((n) => ({ ...n }));
      return facts;
    },
  };
}

export const mexc = noneAdapter({
  id: 'mexc',
  displayName: 'MEXC',
  reason: 'no-endpoint',
  detail: "MEXC's key-info endpoint (POST /api/v3/apiKeyInfo) rewrites the key's IP whitelist; keyaudit never calls it",
  docsUrl: 'https://www.mexc.in/api-docs/spot-v3/spot-account-trade/api-key-info',
});

export const cryptocom = noneAdapter({
  id: 'cryptocom',
  displayName: 'Crypto.com Exchange',
  reason: 'no-endpoint',
  detail: 'Crypto.com shows key permissions and IP whitelist only in its web interface',
  docsUrl: 'https://help.crypto.com/en/articles/3511424-api-faq',
});

export const bitstamp = noneAdapter({
  id: 'bitstamp',
  displayName: 'Bitstamp',
  reason: 'no-endpoint',
  detail: 'Bitstamp offers no endpoint that reports what a key may do',
  docsUrl: 'https://www.bitstamp.net/api/',
});

export const bitvavo = noneAdapter({
  id: 'bitvavo',
  displayName: 'Bitvavo',
  reason: 'no-endpoint',
  detail: 'Bitvavo names missing permissions only in errors; no safe probe is known',
  docsUrl: 'https://docs.bitvavo.com/docs/authentication',
  policyNotes: [
    {
      id: 'bitvavo-withdraw-no-2fa',
      text: 'Bitvavo API withdrawals bypass two-factor authentication: never give a bot key the withdraw permission.',
      source: 'https://support.bitvavo.com/l/en/article/on9e1brlqq-what-are-api-keys-and-how-do-i-make-one',
    },
  ],
});

export const bitmex = noneAdapter({
  id: 'bitmex',
  displayName: 'BitMEX',
  reason: 'exchange-closed',
  detail: 'BitMEX closed on 2026-09-23; only secret detection applies to its keys',
  docsUrl: 'https://www.bitmex.com/',
});

/** The adapter for a CCXT id keyaudit has no adapter for: every fact unknown `no-endpoint`. */
export function noEndpointAdapter(id: string, displayName = id): ExchangeAdapter {
  return noneAdapter({
    id,
    displayName,
    reason: 'no-endpoint',
    detail: `keyaudit knows no safe key-introspection endpoint for ${displayName}`,
    docsUrl: 'https://github.com/ccxt/ccxt/wiki/Exchange-Markets',
  });
}

/** The named no-endpoint and closed exchanges, for the registry. */
const unsupported: readonly ExchangeAdapter[] = [bitmex, bitstamp, bitvavo, cryptocom, mexc];

export default unsupported;
