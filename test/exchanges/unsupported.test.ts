import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createCcxtExchange } from '../../src/exchanges/ccxt-client.js';
import { GuardError } from '../../src/exchanges/guard.js';
import { getAdapter } from '../../src/exchanges/registry.js';
import unsupported, { bitmex, bitvavo, mexc, noEndpointAdapter } from '../../src/exchanges/unsupported.js';
import { deps, NOW } from './adapter-fetch.js';
import { expectWellFormed, FETCHED_AT } from './adapter-cases.js';
import { refuseRealNetwork } from '../helpers/nock.js';

refuseRealNetwork();

describe('no-endpoint and closed exchanges', () => {
  it.each(unsupported.map((a) => [a.id, a] as const))('%s declares no endpoint, is registered, and reports every fact unknown without any request', async (id, adapter) => {
    expect(getAdapter(id)).toBe(adapter);
    expect(adapter.coverage).toBe('none');
    expect(adapter.endpoints).toEqual([]);
    expect(adapter.docsUrl).toMatch(/^https:\/\//);
    let requests = 0;
    const count = (): void => {
      requests += 1;
    };
    nock.emitter.on('no match', count);
    const raw = await adapter.fetchRaw({ apiKey: 'k' }, deps());
    nock.emitter.removeListener('no match', count);
    expect(requests).toBe(0);
    const facts = adapter.toFacts(raw, { fetchedAt: FETCHED_AT, apiKey: 'k' });
    expectWellFormed(facts, id);
    const reason = id === 'bitmex' ? 'exchange-closed' : 'no-endpoint';
    for (const t of [facts.canWithdraw, facts.canTransfer.any, facts.canTrade.any, facts.ipRestricted, facts.readOnly]) expect(t).toMatchObject({ value: 'unknown', reason });
    expect(facts.createdAt.reason).toBe(reason);
  });

  it('MEXC says why it is not asked, Bitvavo carries its 2FA note, BitMEX its closing date', () => {
    const ctx = { fetchedAt: NOW.toISOString(), apiKey: 'k' };
    expect(mexc.toFacts(undefined, ctx).canWithdraw.detail).toMatch(/rewrites the key's IP whitelist/);
    expect(bitvavo.toFacts(undefined, ctx).policyNotes.map((n) => n.id)).toEqual(['bitvavo-withdraw-no-2fa']);
    expect(bitmex.toFacts(undefined, ctx).canWithdraw.detail).toMatch(/2026-09-23/);
  });

  it("the guard refuses MEXC's key-info endpoint (POST rewrites the IP whitelist, GET undocumented) before any socket", async () => {
    const ex = (await createCcxtExchange('mexc', { apiKey: 'k', secret: 's' }, deps(), mexc.endpoints)) as unknown as Record<string, unknown>;
    for (const method of ['spotPrivatePostApiKeyInfo', 'spotPrivateGetApiKeyInfo']) {
      const fn = ex[method] as (p: Record<string, unknown>) => Promise<unknown>;
      const error = await fn.call(ex, {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, method).toBeInstanceOf(GuardError);
      expect((error as GuardError).category).toBe('key-management');
    }
  });

  it('any other CCXT id gets a no-endpoint adapter', () => {
    const a = noEndpointAdapter('coinex', 'CoinEx');
    const facts = a.toFacts(undefined, { fetchedAt: FETCHED_AT, apiKey: 'k' });
    expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'no-endpoint' });
    expect(a.endpoints).toEqual([]);
  });
});
