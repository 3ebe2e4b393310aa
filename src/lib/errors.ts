// Errors the user can act on. Every failure a user can cause (bad file, bad model, bad settings)
// is thrown as a UserError with a message key from src/lib/i18n and its parameters; the app shows
// it translated under data-testid="app-error", the CLI prints it on one line and exits non-zero.
export type MessageParams = Record<string, string | number>;

export class UserError extends Error {
  readonly key: string;
  readonly params: MessageParams;
  constructor(key: string, params: MessageParams = {}) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'UserError';
    this.key = key;
    this.params = params;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && (e as UserError).name === 'UserError' && typeof (e as UserError).key === 'string';
}

/** Thrown when the user cancels long work; callers treat it as a normal outcome, not an error. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'CancelledError';
}
