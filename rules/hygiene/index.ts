/** Every hygiene rule. A meta test checks each rules/hygiene/<name>.ts is listed. */
import type { HygieneRule } from '../../src/core/define-rule.js';
import envTracked from './env-tracked.js';
import envNotIgnored from './env-not-ignored.js';
import envPermissive from './env-permissive.js';
import envPlaintextSecret from './env-plaintext-secret.js';

export const hygieneRules: readonly HygieneRule[] = [envTracked, envNotIgnored, envPermissive, envPlaintextSecret];
