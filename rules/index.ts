/** The registry of every built-in rule, assembled from the per-family lists. */
import type { AnyRule } from '../src/core/define-rule.js';
import { secretRules } from './secrets/index.js';
import { hygieneRules } from './hygiene/index.js';
import { keyRules } from './keys/index.js';

export { secretRules, hygieneRules, keyRules };
export const allRules: readonly AnyRule[] = [...secretRules, ...hygieneRules, ...keyRules];
