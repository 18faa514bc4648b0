/** Every key-posture rule. A meta test checks each rules/keys/<name>.ts is listed. */
import type { KeyRule } from '../../src/core/define-rule.js';
import ipUnexpected from './ip-unexpected.js';
import ipWhitelistMissing from './ip-whitelist-missing.js';
import keyExpiring from './key-expiring.js';
import keyRotation from './key-rotation.js';
import lapsePolicy from './lapse-policy.js';
import permissionsUnverified from './permissions-unverified.js';
import scopeBeyondNeeds from './scope-beyond-needs.js';
import transferEnabled from './transfer-enabled.js';
import withdrawEnabled from './withdraw-enabled.js';

export const keyRules: readonly KeyRule[] = [
  withdrawEnabled,
  transferEnabled,
  ipWhitelistMissing,
  ipUnexpected,
  keyRotation,
  keyExpiring,
  lapsePolicy,
  scopeBeyondNeeds,
  permissionsUnverified,
] as unknown as readonly KeyRule[];
