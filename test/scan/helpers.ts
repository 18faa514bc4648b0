/** Fake secrets that the built-in rules find, generated at run time (never committed as literals). */
import type { Fake } from '../../src/core/fake.js';

export interface PlantedSecret {
  /** The secret value itself (tests check it never appears in output). */
  value: string;
  /** A line of code holding it that a rule reports. */
  line: string;
}

/** A Binance key in a ccxt-style assignment: found by secrets/binance-api-key. */
export function binanceSecret(fake: Fake, name = 'binance_api_key'): PlantedSecret {
  const value = fake.alnum(64);
  return { value, line: `${name} = "${value}"` };
}

/** A PEM private key block (several lines): found by secrets/pem-private-key. */
export function pemBlock(fake: Fake): { value: string; lines: string[] } {
  const body = fake.base64(600).replace(/(.{64})/g, '$1\n').trimEnd();
  const lines = ['-----BEGIN PRIVATE KEY-----', ...body.split('\n'), '-----END PRIVATE KEY-----'];
  return { value: body, lines };
}
