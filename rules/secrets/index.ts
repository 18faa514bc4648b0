/** Every secret rule, in display order. A meta test checks each rules/secrets/<name>.ts is listed. */
import type { SecretRule } from '../../src/core/define-rule.js';
import binanceApiKey from './binance-api-key.js';
import pemPrivateKey from './pem-private-key.js';

export const secretRules: readonly SecretRule[] = [binanceApiKey, pemPrivateKey];
