import { AISDKError } from '@ai-sdk/provider';

const marker = Symbol.for('modelmux.router-error');

/**
 * Base of every error modelmux throws. It is an `AISDKError` but never an `APICallError`, so the
 * AI SDK's own retry loop does not repeat a routed call that has already failed over.
 * `isInstance` checks a `Symbol.for` marker, so it holds across duplicate installs.
 */
export class RouterError extends AISDKError {
  readonly code: string;
  /** The cross-install marker `isInstance` looks for. */
  readonly [marker] = true;

  constructor({
    name,
    code,
    message,
    cause,
  }: { name: string; code: string; message: string; cause?: unknown }) {
    super({ name, message, cause });
    this.code = code;
  }

  static override isInstance(error: unknown): error is RouterError {
    return typeof error === 'object' && error !== null && marker in error;
  }

  /** A JSON view with no cause chain: what is safe to log or send to a client. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** `isInstance` for a subclass, by its code: works across duplicate installs too. */
export function isRouterErrorWithCode<T extends RouterError>(
  error: unknown,
  code: string,
): error is T {
  return RouterError.isInstance(error) && error.code === code;
}
