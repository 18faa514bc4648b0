/**
 * The registry of every built-in rule. A test checks that each file in rules/<family>/ is listed
 * here and has its doc (<name>.md) and tests.
 */
import type { AnyRule, HygieneRule, KeyRule, SecretRule } from '../src/core/define-rule.js';
import binanceApiKey from './secrets/binance-api-key.js';
import pemPrivateKey from './secrets/pem-private-key.js';
import envTracked from './hygiene/env-tracked.js';
import envNotIgnored from './hygiene/env-not-ignored.js';
import envPermissive from './hygiene/env-permissive.js';
import envPlaintextSecret from './hygiene/env-plaintext-secret.js';

export const secretRules: readonly SecretRule[] = [binanceApiKey, pemPrivateKey];

export const hygieneRules: readonly HygieneRule[] = [envTracked, envNotIgnored, envPermissive, envPlaintextSecret];

export const keyRules: readonly KeyRule[] = [];

export const allRules: readonly AnyRule[] = [...secretRules, ...hygieneRules, ...keyRules];
