/**
 * Values that only stand in for a secret: never findings. Checked against the candidate secret and
 * the text right before it (to catch `${VAR}`, `process.env.X` and friends). Sources: common
 * placeholder habits in .env.example files, README snippets and exchange SDK docs.
 */
const PLACEHOLDER_VALUE = new RegExp(
  [
    '^(?:x+|\\*+|#+|\\.+|-+|0+|1+)$', // xxxx, ****, 0000
    'your[_-]?(?:api[_-]?)?(?:key|secret|token|pass|passphrase|password|private)',
    '(?:^|[^a-z])(?:changeme|change[_-]?me|replace[_-]?me|todo|tbd|fixme|placeholder|redacted|dummy|example|sample|insert[_-]?here|put[_-]?your)',
    '^<[^>]*>$', // <API_KEY>
    '^\\[[A-Za-z_ .-]*\\]$', // [API_KEY]
    '^\\{\\{[^}]*\\}\\}$', // {{ secret }}
    '^\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?$', // ${VAR} or $VAR
    '^%[A-Za-z_][A-Za-z0-9_]*%$', // %VAR%
    'x{4,}', // abcXXXXXX
    '\\*{4,}', // masked
    '(?:0123456789|123456789|abcdefghij|qwertyuiop)',
    '(?:^|[^a-z])(?:here|goes[_-]?here|not[_-]?set|none|null|undefined|empty|secret[_-]?value|api[_-]?key[_-]?value)$', // api_key_here
    '^(?:sk|pk|xox[a-z]|gh[pousr])[_-](?:\\.\\.\\.|x{4,}|\\*{3,}|your)', // sk-..., ghp_xxxx
    '^(?:true|false|yes|no|on|off|nil|none|null|undefined)$',
  ].join('|'),
  'i',
);

/** Code that reads a secret from the environment instead of holding one. */
const ENV_REFERENCE =
  /(?:process\.env(?:\.|\[)|os\.environ|os\.getenv|os\.Getenv|getenv\(|ENV\[|ENV\.fetch|env\(|env::var|\$\{\{?\s*(?:secrets|env|vars)\.|System\.getenv|Deno\.env|import\.meta\.env|Environment\.GetEnvironmentVariable|valueFrom|secretKeyRef)/i;

/** A phrase of lower-case words (a BIP39 mnemonic): its words are dictionary words by design. */
const WORD_PHRASE = /^[a-z]{3,8}(?:[ \t,]{1,3}[a-z]{3,8}){11,23}$/;

/** Markers that still mean "placeholder" inside a long value (a PEM body, a long token). */
const LONG_VALUE_MARKERS = /example|placeholder|redacted|changeme|your[_-]?(?:api[_-]?)?(?:key|secret|token)|x{8,}|\*{8,}|\.\.\./i;

export function isPlaceholder(secret: string): boolean {
  if (WORD_PHRASE.test(secret)) return false;
  // Long random values (PEM bodies, 100+ character tokens) contain short words like `tbd` or `todo`
  // by chance a few percent of the time: only unmistakable markers count there.
  if (secret.length > 100) return LONG_VALUE_MARKERS.test(secret) || /^(.)\1{0,}$/.test(secret);
  if (PLACEHOLDER_VALUE.test(secret)) return true;
  // Documentation markers anywhere (AWS's `…EXAMPLEKEY`): random keys never spell them out.
  if (/example|sample|placeholder|redacted|changeme/i.test(secret)) return true;
  // A run of one repeated character over most of the value: "aaaaaaaa...", "00000...".
  const first = secret[0];
  if (first !== undefined && secret.length >= 8 && secret.split(first).length - 1 >= secret.length * 0.6) return true;
  return false;
}

/** True when the text just before a candidate shows it is an env reference, e.g. `process.env.X`. */
export function isEnvReference(textBefore: string): boolean {
  return ENV_REFERENCE.test(textBefore.slice(-40));
}
