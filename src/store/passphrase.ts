/**
 * Where the store's passphrase comes from: `KEYAUDIT_PASSPHRASE` (CI, scripts) or a no-echo prompt
 * on a terminal. Never a command-line flag (flags leak into shell history and `ps`), and never a
 * prompt when stdin is not a terminal: a clear error instead.
 */
import { StoreError } from '../core/errors.js';
import { canPrompt, readFromTerminal, type PromptIO } from './prompt.js';
import { checkNewPassphrase } from './store.js';

export interface PassphraseIO extends PromptIO {
  env: Readonly<Record<string, string | undefined>>;
}

export const PASSPHRASE_ENV = 'KEYAUDIT_PASSPHRASE';
/** Used only by `store passwd` when it cannot prompt (scripts re-keying a store). */
export const NEW_PASSPHRASE_ENV = 'KEYAUDIT_NEW_PASSPHRASE';

function fromEnv(io: PassphraseIO, name: string): string | undefined {
  const value = io.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function noTerminal(what: string, envName: string): StoreError {
  return new StoreError(
    `cannot ${what}: ${envName} is not set and stdin is not a terminal, so keyaudit cannot ask for the passphrase. Set ${envName} (for example from your CI's secret store) or run the command in a terminal.`,
  );
}

/** The passphrase to unlock an existing store. */
export async function unlockPassphrase(io: PassphraseIO): Promise<string> {
  const env = fromEnv(io, PASSPHRASE_ENV);
  if (env !== undefined) return env;
  if (!canPrompt(io)) throw noTerminal('unlock the store', PASSPHRASE_ENV);
  return readFromTerminal(io, 'Store passphrase: ');
}

/**
 * A new passphrase (init, store passwd): from `envName`, or prompted twice on a terminal. Refuses
 * passphrases under 12 characters and mismatched confirmations.
 */
export async function newPassphrase(io: PassphraseIO, envName: string, what: string): Promise<string> {
  const env = fromEnv(io, envName);
  if (env !== undefined) {
    checkNewPassphrase(env);
    return env;
  }
  if (!canPrompt(io)) throw noTerminal(what, envName);
  const first = await readFromTerminal(io, 'New store passphrase (at least 12 characters): ');
  checkNewPassphrase(first);
  const second = await readFromTerminal(io, 'Repeat the passphrase: ');
  if (first !== second) throw new StoreError('the two passphrases differ; nothing was changed.');
  return first;
}
