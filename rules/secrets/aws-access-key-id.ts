/**
 * AWS access key ids: `AKIA` (long-term) or `ASIA` (temporary) + 16 upper-case base32 characters
 * (docs.aws.amazon.com IAM "Understanding unique ID prefixes"). The id alone is not enough to sign,
 * but it is always pasted next to its secret, and it names the account. AWS's documentation
 * example `AKIAIOSFODNN7EXAMPLE` never counts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'aws-access-key-id',
    description: 'AWS access key id in plaintext',
    severity: 'high',
    recommended: true,
    message: 'AWS access key id in plaintext ({{excerpt}})',
    fix: 'Deactivate and delete the access key in IAM, check CloudTrail for its use, and use roles or `aws configure` profiles outside the repository instead.',
  },
  keywords: ['akia', 'asia', 'abia', 'acca'],
  pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
  minEntropy: 3.0,
  allow: [/EXAMPLE$/],
  samples: (fake) => {
    const id = `AKIA${fake.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
    return {
      positive: [`AWS_ACCESS_KEY_ID=${id}`, `aws_access_key_id = ${id}`, `"AccessKeyId": "${id.replace(/^AKIA/, 'ASIA')}"`],
      negative: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}', `ASIAN_MARKETS=${fake.alnum(20)}`],
    };
  },
});
