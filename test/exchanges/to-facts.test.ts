/**
 * The pure halves of the Binance, OKX, Bybit and Kraken adapters, table-driven over documented
 * shapes and their edge cases: absence stays unknown, wrong types are unrecognized, sentinels map.
 */
import { describe, expect, it } from 'vitest';
import type { KeyFacts } from '../../src/core/key-facts.js';
import binance from '../../src/exchanges/binance.js';
import bybit from '../../src/exchanges/bybit.js';
import kraken from '../../src/exchanges/kraken.js';
import okx from '../../src/exchanges/okx.js';
import { fixture } from './harness.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const context = { fetchedAt: NOW.toISOString(), apiKey: 'k' };
const facts = (adapter: { toFacts: (raw: unknown, c: typeof context) => KeyFacts }, raw: unknown) => adapter.toFacts(raw, context);
const v = (f: KeyFacts) => ({
  withdraw: f.canWithdraw.value,
  transfer: f.canTransfer.any.value,
  internal: f.canTransfer.internal.value,
  sub: f.canTransfer.subAccount.value,
  trade: f.canTrade.any.value,
  spot: f.canTrade.spot.value,
  futures: f.canTrade.futures.value,
  options: f.canTrade.options.value,
  readOnly: f.readOnly.value,
  ip: f.ipRestricted.value,
  list: f.ipAllowlist.value,
  created: f.createdAt.value,
  expires: f.expiresAt.value,
});

describe('binance', () => {
  const doc = fixture('binance', 'withdraw-unrestricted', { now: NOW, apiKey: 'k' });
  it('maps the documented example', () => {
    expect(v(facts(binance, doc))).toEqual({
      withdraw: true,
      transfer: true,
      internal: false,
      sub: true,
      trade: true,
      spot: true,
      futures: true,
      options: false,
      readOnly: false,
      ip: false,
      list: [],
      created: '2024-01-01T00:00:00.000Z',
      expires: '2024-01-31T00:00:00.000Z',
    });
  });
  it('restricted: list not exposed; no trading lapse -> expires none', () => {
    const f = facts(binance, { ...doc, ipRestrict: true, tradingAuthorityExpirationTime: undefined });
    expect(f.ipAllowlist).toMatchObject({ value: 'unknown', reason: 'not-exposed' });
    expect(f.expiresAt.value).toBe('none');
  });
  it('a missing field is unknown for that fact only; a string boolean is unrecognized', () => {
    const { enableWithdrawals: _, ...rest } = doc;
    const f = facts(binance, { ...rest, enableFutures: 'false' });
    expect(f.canWithdraw).toMatchObject({ value: 'unknown', reason: 'field-absent', source: 'enableWithdrawals' });
    expect(f.canTrade.futures).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
    expect(f.canTransfer.any.value).toBe(true);
  });
  it('a string answer is bad-response for every fact', () => {
    expect(facts(binance, '<html>').canRead.reason).toBe('bad-response');
  });
});

describe('okx', () => {
  const doc = fixture('okx', 'withdraw-unbound', { now: NOW, apiKey: 'k' });
  it('maps perm, ip and options', () => {
    expect(v(facts(okx, doc))).toMatchObject({ withdraw: true, transfer: true, internal: true, trade: true, options: true, futures: 'unknown', ip: false, list: [], created: 'unknown' });
    const f = facts(okx, doc);
    expect(f.canTrade.futures.reason).toBe('not-exposed');
    expect(f.canTransfer.subAccount.reason).toBe('not-exposed');
    expect(f.isSubAccount.value).toBe(false);
    expect(f.label).toBe('v5 test');
  });
  it('read-only key: no trade means no margin/futures/options', () => {
    const data = [{ ...(doc.data as object[])[0], perm: 'read_only', ip: '203.0.113.7,198.51.100.2', uid: '2' }];
    const f = facts(okx, { ...doc, data });
    expect(v(f)).toMatchObject({ withdraw: false, transfer: false, trade: false, futures: false, options: false, readOnly: true, ip: true, list: ['203.0.113.7', '198.51.100.2'] });
    expect(f.isSubAccount.value).toBe(true);
  });
  it('failed envelope and empty data are bad-response', () => {
    expect(facts(okx, { code: '50001', msg: 'x', data: [] }).canWithdraw.reason).toBe('bad-response');
    expect(facts(okx, { code: '0', msg: '', data: [] }).canWithdraw.detail).toBe('empty data');
    expect(facts(okx, { code: '0', msg: '', data: [{ perm: 5 }] }).canWithdraw.reason).toBe('unrecognized-value');
  });
});

describe('bybit', () => {
  const doc = fixture('bybit', 'withdraw-unbound', { now: NOW, apiKey: 'k', expiresInDays: 5, createdDaysAgo: 20 });
  const result = doc.result as Record<string, unknown>;
  it('maps the documented shape', () => {
    expect(v(facts(bybit, doc))).toMatchObject({ withdraw: true, transfer: true, internal: true, sub: true, spot: true, futures: true, options: false, readOnly: false, ip: false, list: [] });
    expect(facts(bybit, doc).expiresAt.value).toBe('2026-06-06T00:00:00.000Z');
  });
  it('readOnly 1 -> every write false, whatever the lists say (docs example)', () => {
    const f = facts(bybit, { ...doc, result: { ...result, readOnly: 1 } });
    expect(v(f)).toMatchObject({ withdraw: false, transfer: false, trade: false, readOnly: true });
  });
  it('readOnly missing -> unknown; Wallet missing -> withdraw unknown; unknown Wallet token with withdraw -> unknown', () => {
    const { readOnly: _, ...noFlag } = result;
    expect(facts(bybit, { ...doc, result: noFlag }).canWithdraw.value).toBe('unknown');
    const permissions = { ...(result.permissions as object), Wallet: undefined };
    expect(facts(bybit, { ...doc, result: { ...result, permissions } }).canWithdraw.reason).toBe('field-absent');
    const odd = { ...(result.permissions as object), Wallet: ['WithdrawV2'] };
    expect(facts(bybit, { ...doc, result: { ...result, permissions: odd } }).canWithdraw.reason).toBe('unrecognized-value');
  });
  it('1970 expiredAt with negative deadlineDay is no expiry; retCode != 0 is bad-response', () => {
    expect(facts(bybit, { ...doc, result: { ...result, expiredAt: '1970-01-01T00:00:00Z', deadlineDay: -1 } }).expiresAt.value).toBe('none');
    expect(facts(bybit, { ...doc, retCode: 10001 }).canRead.reason).toBe('bad-response');
  });
  it('a third-party key gets a policy note; the echoed secret field is never part of facts', () => {
    const f = facts(bybit, { ...doc, result: { ...result, type: 2, secret: 'SHOULD-NOT-APPEAR' } });
    expect(f.policyNotes.map((n) => n.id)).toEqual(['bybit-third-party-key']);
    expect(JSON.stringify(f)).not.toContain('SHOULD-NOT-APPEAR');
  });
});

describe('kraken', () => {
  const doc = fixture('kraken', 'withdraw', { now: NOW, apiKey: 'k' });
  const result = doc.result as Record<string, unknown>;
  it('maps the documented shape', () => {
    expect(v(facts(kraken, doc))).toMatchObject({ withdraw: true, transfer: true, internal: true, sub: true, trade: false, ip: false, list: [], created: '2025-01-01T00:00:00.000Z', expires: 'none' });
    expect(facts(kraken, doc).lastUsedAt.value).toBe('2025-01-10T00:00:00.000Z');
  });
  it('trade-only key with an allowlist and a validUntil date', () => {
    const f = facts(kraken, { ...doc, result: { ...result, permissions: ['query-open-trades', 'modify-trades'], ipAllowlist: ['203.0.113.7'], validUntil: '1780272000' } });
    expect(v(f)).toMatchObject({ withdraw: false, transfer: false, trade: true, spot: true, readOnly: false, ip: true, list: ['203.0.113.7'], expires: '2026-06-01T00:00:00.000Z' });
  });
  it('an unrecognized withdraw-ish token makes withdraw unknown', () => {
    const f = facts(kraken, { ...doc, result: { ...result, permissions: ['query-funds', 'withdraw-crypto'] } });
    expect(f.canWithdraw).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
  });
  it('error array non-empty is bad-response', () => {
    expect(facts(kraken, { error: ['EGeneral:Internal error'], result: {} }).canWithdraw.reason).toBe('bad-response');
  });
});
