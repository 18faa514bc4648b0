/**
 * Masking: the only way a secret's characters may reach a finding. Shows at most the first 4
 * characters (the contract's limit), fewer for short secrets so that at least three quarters of the
 * value always stays hidden.
 */
export const MAX_REVEALED = 4;

export function maskSecret(secret: string): string {
  const chars = Array.from(secret.trim());
  const shown = Math.min(MAX_REVEALED, Math.floor(chars.length / 4));
  // Only plain visible characters are revealed; PEM armour and whitespace are not worth showing.
  const prefix = chars
    .slice(0, shown)
    .join('')
    .replace(/[^\x21-\x7e]/g, '');
  return `${prefix}…`;
}

/**
 * Replaces every occurrence of the given secrets in free text (error messages, URLs, bodies) with
 * their masks. Used on everything that crosses into output from a place that saw secrets.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}
