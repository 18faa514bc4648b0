/** Every key-posture rule. A meta test checks each rules/keys/<name>.ts is listed. */
import type { KeyRule } from '../../src/core/define-rule.js';

export const keyRules: readonly KeyRule[] = [];
