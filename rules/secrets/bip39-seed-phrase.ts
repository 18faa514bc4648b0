/**
 * BIP39 recovery phrases: 12, 15, 18, 21 or 24 words of the English wordlist whose last word carries
 * a valid checksum (BIP-0039; checked with @scure/bip39). The checksum is what makes this precise:
 * a run of wordlist words passes it by chance 1 time in 16 (12 words) to 1 in 256 (24 words), and
 * ordinary prose is rarely a run of 12+ wordlist words. Test vectors built from repeated words
 * ("abandon abandon … about", the Trezor vectors) are documentation, not wallets: a phrase must
 * use at least n−2 distinct words (random phrases repeat a word ~3% of the time).
 */
import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { entropyToMnemonic } from '@scure/bip39';
import { defineSecretRule } from '../../src/core/define-rule.js';

const WORDS = new Set(wordlist);
const LENGTHS = new Set([12, 15, 18, 21, 24]);

/** Splits a candidate phrase into words (spaces, tabs or commas between them). */
export function phraseWords(text: string): string[] {
  return text.split(/[\s,]+/).filter((w) => w.length > 0);
}

export function isSeedPhrase(text: string): boolean {
  const words = phraseWords(text);
  if (!LENGTHS.has(words.length)) return false;
  if (!words.every((w) => WORDS.has(w))) return false;
  if (new Set(words).size < words.length - 2) return false;
  return validateMnemonic(words.join(' '), wordlist);
}

export default defineSecretRule({
  meta: {
    name: 'bip39-seed-phrase',
    description: 'Wallet recovery phrase (BIP39 mnemonic) in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Wallet recovery phrase (BIP39) in plaintext ({{excerpt}})',
    fix: 'Assume the wallet is compromised: create a new wallet on a clean device, move the funds, and never store the phrase in a file, repository or notebook.',
  },
  // Always runs (a phrase needs no label to be a phrase). Cheap: only on runs of 47+ lower-case
  // letters, blanks and commas (12 words of 3+ letters: the scope); there the pattern can only start
  // at a lower-case word that is not preceded by another word, and the run is bounded to 24 words.
  keywords: [],
  pattern:
    /(?<![A-Za-z][ \t,]{0,3})(?<![A-Za-z'-])(?<secret>[a-z]{3,8}(?:(?:[ \t]{1,3}|,[ \t]{0,2})[a-z]{3,8}){11,23})(?![A-Za-z'-]|(?:[ \t]{1,3}|,[ \t]{0,2})[A-Za-z])/g,
  validate: (phrase) => isSeedPhrase(phrase),
  samples: (fake) => {
    const p12 = entropyToMnemonic(fake.bytes(16), wordlist);
    const p24 = entropyToMnemonic(fake.bytes(32), wordlist);
    const p18 = entropyToMnemonic(fake.bytes(24), wordlist);
    const bad = p12.split(' ');
    // Swap two words: the checksum almost surely breaks.
    [bad[0], bad[5]] = [bad[5] as string, bad[0] as string];
    const broken = bad.join(' ');
    return {
      positive: [
        `MNEMONIC="${p12}"`,
        `seed_phrase: ${p24}`,
        `backup words:\n${p18}\n`,
        `const wallet = ethers.Wallet.fromPhrase("${p12}");`,
        `words = "${p12.replace(/ /g, ', ')}"`,
      ],
      negative: [
        `MNEMONIC="abandon ${'abandon '.repeat(10)}about"`,
        ...(isSeedPhrase(broken) ? [] : [`MNEMONIC="${broken}"`]),
        `# ${p12.split(' ').slice(0, 11).join(' ')}`,
        `${wordlist.slice(0, 40).join('\n')}`,
        `MNEMONIC="${p12} ${p12.split(' ')[0]}"`,
        'the quick brown fox jumps over the lazy dog while seven other animals watch from the green hill nearby',
      ],
    };
  },
  scope: { runs: [{ chars: 'a-z \\t,', min: 47, pad: 8 }] },
});
