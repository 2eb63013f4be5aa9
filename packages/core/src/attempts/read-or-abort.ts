/**
 * A stream reader whose reads also end when `signal` aborts, for models that ignore their
 * abortSignal once the body has started: a timer must be able to end any attempt.
 *
 * One abort listener serves every read of the attempt (adding and removing a listener for each
 * part cost more than the read itself on the streaming hot path): it cancels the reader, which
 * ends a pending read at once as `done`, and a read that ends `done` on an aborted signal
 * rejects with the signal's reason. So a read costs one promise, not a wrapper around one.
 */
export class AbortableReader<T> {
  constructor(
    private readonly reader: ReadableStreamDefaultReader<T>,
    private readonly signal: AbortSignal,
  ) {
    if (!signal.aborted)
      signal.addEventListener('abort', () => reader.cancel(signal.reason).catch(() => {}), {
        once: true,
      });
  }

  /** `reader.read()`, rejected with the signal's reason as soon as the signal aborts. */
  read(): Promise<ReadableStreamReadResult<T>> {
    const { signal } = this;
    if (signal.aborted) return Promise.reject(signal.reason);
    return this.reader.read().then(this.checkAbort);
  }

  /**
   * The underlying `read()`, for a caller that checks the abort itself: a result that is `done`
   * while the signal is aborted means the abort ended the read.
   */
  readRaw(): Promise<ReadableStreamReadResult<T>> {
    return this.reader.read();
  }

  cancel(reason: unknown): Promise<void> {
    return this.reader.cancel(reason);
  }

  private readonly checkAbort = (
    result: ReadableStreamReadResult<T>,
  ): ReadableStreamReadResult<T> => {
    if (result.done && this.signal.aborted) throw this.signal.reason;
    return result;
  };
}
