/**
 * A stream reader whose reads also reject when `signal` aborts, for models that ignore their
 * abortSignal once the body has started: a timer must be able to end any attempt.
 *
 * One abort listener serves every read of the attempt: adding and removing a listener for each
 * part cost more than the read itself on the streaming hot path.
 */
export class AbortableReader<T> {
  private rejectPending: ((reason: unknown) => void) | undefined;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<T>,
    private readonly signal: AbortSignal,
  ) {
    // A read settled before the abort is not affected: rejecting a settled promise is a no-op.
    if (!signal.aborted)
      signal.addEventListener('abort', () => this.rejectPending?.(signal.reason), { once: true });
  }

  /** `reader.read()`, rejected with the signal's reason as soon as the signal aborts. */
  read(): Promise<ReadableStreamReadResult<T>> {
    const { signal } = this;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      this.rejectPending = reject;
      this.reader.read().then(resolve, reject);
    });
  }

  cancel(reason: unknown): Promise<void> {
    return this.reader.cancel(reason);
  }
}
