/**
 * Typed errors that end a run with exit 2 ("the run itself could not be done as asked"). Messages
 * say what is wrong and what to do next; they never carry a secret.
 */
export class KeyauditError extends Error {
  readonly exitCode = 2 as const;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments. */
export class UsageError extends KeyauditError {}

export interface ConfigProblem {
  /** Path inside the config, e.g. `accounts[0].exchange`; empty for the whole file. */
  path: string;
  message: string;
}

/** Invalid configuration: names the file and every problem at once. */
export class ConfigError extends KeyauditError {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Invalid configuration in ${file}:\n` +
        problems.map((p) => `  - ${p.path === '' ? '(top level)' : p.path}: ${p.message}`).join('\n'),
    );
  }
}

/** The encrypted store could not be used (wrong passphrase, tampered, permissions). */
export class StoreError extends KeyauditError {}

/** An output file could not be written. */
export class OutputError extends KeyauditError {}
