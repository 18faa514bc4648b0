/**
 * Database and broker URLs with a password: `postgres(ql)://user:pass@host`, `mysql://`,
 * `mariadb://`, `mongodb(+srv)://`, `redis(s)://[user]:pass@`, `amqp(s)://`, `mssql://`. The
 * password is the secret. Obvious stand-ins (`password`, `pass`, `secret`, the user name repeated,
 * `${VAR}`, `<password>`, `:***@`) are not reported.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

const STAND_INS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'postgres', 'mysql', 'root', 'admin', 'guest', 'user', 'username',
  'test', 'example', 'mongo', 'redis', 'rabbitmq', 'mypassword', 'yourpassword', 'db_password', 'dbpass', 'pw', 'p', 'x', 'foo', 'bar',
]);

/** The schemes' literal words; a match starts at one of them (its scan scope). */
const KEYWORDS = ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'cockroachdb', 'clickhouse'];

export default defineSecretRule({
  meta: {
    name: 'database-url-password',
    description: 'Database URL with a password in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Database URL with a password in plaintext ({{excerpt}})',
    fix: 'Change the database password, then build the URL from the environment (`DATABASE_URL` from a secret store) instead of writing it in files.',
  },
  keywords: KEYWORDS,
  pattern:
    /(?<![A-Za-z0-9+])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse)(?:\+[a-z0-9]{2,16})?:\/\/(?<user>[^\s:@/'"`<>{}$]{0,64}):(?<secret>[^\s:@/'"`<>{}]{3,128})@(?<host>[A-Za-z0-9._-]{1,253})/gi,
  validate: (secret, groups) => {
    const lower = secret.toLowerCase();
    if (STAND_INS.has(lower) || lower === (groups.user ?? '').toLowerCase()) return false;
    if (/^\$|^%\(|^\{|^\*+$|^\.+$|^<|%s|pass(?:word)?$|^\$\{/i.test(secret)) return false;
    return true;
  },
  samples: (fake) => {
    const pw = `${fake.alnum(18)}`;
    return {
      positive: [
        `DATABASE_URL=postgres://bot:${pw}@db.internal:5432/trades`,
        `MONGO_URI="mongodb+srv://trader:${pw}@cluster0.abcde.mongodb.net/bot?retryWrites=true"`,
        `REDIS_URL=redis://:${pw}@redis:6379/0`,
        `engine = create_engine("mysql+pymysql://app:${pw}@10.0.0.5/prices")`,
      ],
      negative: [
        'DATABASE_URL=postgres://user:password@localhost:5432/db',
        'DATABASE_URL=postgres://postgres:postgres@localhost/db',
        'DATABASE_URL=postgresql://${DB_USER}:${DB_PASSWORD}@db/app',
        'DATABASE_URL=postgres://app@localhost/app',
        'MONGO_URI=mongodb://user:<password>@host/db',
        'REDIS_URL=redis://redis:6379/0',
      ],
    };
  },
  scope: { near: { keywords: KEYWORDS, before: 0, after: 0, lookbehind: 8 } },
});
