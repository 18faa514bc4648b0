/**
 * Normalized facts about one exchange API key (../../shared/spec/exchanges.md §1). Every fact is
 * tri-state: true/false only when a field of the exchange's response says so; anything missing,
 * null or oddly typed is "unknown" with a reason. Unknown is never coerced to false.
 */
export type Reason =
  | 'not-exposed'
  | 'field-absent'
  | 'unrecognized-value'
  | 'mapping-unverified'
  | 'not-found'
  | 'no-endpoint'
  | 'exchange-closed'
  | 'sandbox-unsupported'
  | 'blocked-by-guard'
  | 'auth-failed'
  | 'permission-denied'
  | 'clock-skew'
  | 'rate-limited'
  | 'timeout'
  | 'network-error'
  | 'exchange-unavailable'
  | 'bad-response'
  | 'exchange-error'
  | 'credentials-missing'
  | 'store-unavailable';

/** Plain-language text for each reason, for reports. */
export const REASON_TEXT: Record<Reason, string> = {
  'not-exposed': 'the exchange does not expose this',
  'field-absent': 'field not reported by the exchange',
  'unrecognized-value': 'the exchange returned a value keyaudit does not recognise',
  'mapping-unverified': 'the exchange documents no clear mapping for this',
  'not-found': 'the calling key was not found in the exchange answer',
  'no-endpoint': 'the exchange offers no safe key-introspection endpoint',
  'exchange-closed': 'the exchange has closed',
  'sandbox-unsupported': 'the exchange has no sandbox for this endpoint',
  'blocked-by-guard': 'the request guard refused a request',
  'auth-failed': 'authentication failed (wrong, revoked or expired key)',
  'permission-denied': 'the key lacks the permission the introspection call needs, or this IP is not allowed',
  'clock-skew': 'the exchange rejected the request timestamp (clock skew)',
  'rate-limited': 'rate limited by the exchange',
  timeout: 'the exchange did not answer in time',
  'network-error': 'network error',
  'exchange-unavailable': 'the exchange is unavailable',
  'bad-response': 'the exchange returned an unexpected response',
  'exchange-error': 'the exchange returned an error',
  'credentials-missing': 'credentials are missing',
  'store-unavailable': 'the encrypted store is not available',
};

export interface Tri {
  value: boolean | 'unknown';
  /** The exchange field the value came from. */
  source: string | null;
  reason?: Reason;
  detail?: string;
}

export interface When {
  value: string | 'none' | 'unknown';
  source: string | null;
  reason?: Reason;
  approximate?: boolean;
}

export interface KeyFacts {
  exchange: string;
  endpoint: string;
  fetchedAt: string;
  label?: string;
  isSubAccount: Tri;
  canRead: Tri;
  canWithdraw: Tri;
  readOnly: Tri;
  canTransfer: { any: Tri; internal: Tri; subAccount: Tri; universal: Tri };
  canTrade: { any: Tri; spot: Tri; margin: Tri; futures: Tri; options: Tri };
  ipRestricted: Tri;
  ipAllowlist: { value: string[] | 'unknown'; masked: boolean; source: string | null; reason?: Reason };
  createdAt: When;
  expiresAt: When;
  lastUsedAt: When;
  policyNotes: { id: string; text: string; source: string }[];
}

export const known = (value: boolean, source: string): Tri => ({ value, source });
export const unknownTri = (reason: Reason, detail?: string, source: string | null = null): Tri =>
  detail === undefined ? { value: 'unknown', source, reason } : { value: 'unknown', source, reason, detail };
export const unknownWhen = (reason: Reason): When => ({ value: 'unknown', source: null, reason });

/** Every fact unknown with one reason: the shape of a failed or impossible call. */
export function allUnknown(exchange: string, endpoint: string, fetchedAt: string, reason: Reason, detail?: string): KeyFacts {
  const u = (): Tri => unknownTri(reason, detail);
  return {
    exchange,
    endpoint,
    fetchedAt,
    isSubAccount: u(),
    canRead: u(),
    canWithdraw: u(),
    readOnly: u(),
    canTransfer: { any: u(), internal: u(), subAccount: u(), universal: u() },
    canTrade: { any: u(), spot: u(), margin: u(), futures: u(), options: u() },
    ipRestricted: u(),
    ipAllowlist: { value: 'unknown', masked: false, source: null, reason },
    createdAt: unknownWhen(reason),
    expiresAt: unknownWhen(reason),
    lastUsedAt: unknownWhen(reason),
    policyNotes: [],
  };
}
