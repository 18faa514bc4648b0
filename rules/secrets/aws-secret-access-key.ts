/**
 * AWS secret access keys: 40 base64-alphabet characters, recognised by their name
 * (`aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`, `SecretAccessKey`) or when an AWS access key id
 * is on the line or just before. AWS's documentation example (`wJalrXUtnFEMI/…EXAMPLEKEY`) never counts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { NAME_CHARS, assignmentScope, assignmentStart } from './lib/patterns.js';

export default defineSecretRule({
  meta: {
    name: 'aws-secret-access-key',
    description: 'AWS secret access key in plaintext',
    severity: 'high',
    recommended: true,
    message: 'AWS secret access key in plaintext ({{excerpt}})',
    fix: 'Deactivate and delete the access key in IAM, check CloudTrail for its use, and use roles or profiles outside the repository instead.',
  },
  keywords: ['aws', 'secretaccesskey', 'secret_access_key', 'akia', 'asia'],
  pattern: new RegExp(
    String.raw`${assignmentStart(String.raw`[${NAME_CHARS}]{0,32}?(?:secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?|secret[_.-]?key|secret)`, '[A-Za-z0-9+/]{40}')}(?<![A-Za-z0-9+/])(?<secret>[A-Za-z0-9+/]{40})(?![A-Za-z0-9+/=])`,
    'gi',
  ),
  context: /aws|AKIA[A-Z2-7]{16}|ASIA[A-Z2-7]{16}|secret[_.-]?access[_.-]?key/i,
  contextWindow: 300,
  minEntropy: 4.0,
  allow: [/EXAMPLE/],
  validate: (s) => /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s),
  samples: (fake) => {
    const secret = fake.fromB64Alphabet(40);
    return {
      positive: [`AWS_SECRET_ACCESS_KEY=${secret}`, `[default]\naws_access_key_id = AKIA${fake.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}\naws_secret_access_key = ${secret}`, `"SecretAccessKey": "${secret}"`],
      negative: ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `AWS_SECRET_ACCESS_KEY=\${AWS_SECRET_ACCESS_KEY}`, `GIT_SECRET=${fake.hex(40)}`],
    };
  },
  scope: assignmentScope(),
});
