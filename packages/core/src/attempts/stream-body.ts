import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { StreamBrokenError } from '../errors/attempt-timeout-error.js';
import { classifyError } from '../errors/classify-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import type { ActiveAttempt } from './active-attempt.js';
import { classifyAttemptError } from './classify-attempt-error.js';
import type { RoutedCall } from './routed-call.js';
import type { DeliveredText, StreamResumer } from './stream-continuation.js';
import type { StreamOpening } from './stream-opening.js';
import { traceMetadata, withTrace } from './trace-metadata.js';

const emptyUsage: LanguageModelV4Usage = {
  inputTokens: {
    total: undefined,
    noCache: undefined,
    cacheRead: undefined,
    cacheWrite: undefined,
  },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

type Controller = ReadableStreamDefaultController<LanguageModelV4StreamPart>;

/**
 * The stream handed to the caller once content has started: the buffered opening parts, then
 * the upstream's parts one pull at a time (no extra transform layer). The finish part carries
 * the trace. A failure from here on is never hidden: it becomes an error part
 * (StreamInterruptedError, with the trace) and a finish part whose reason is error/interrupted,
 * unless the route continues broken streams (`resume`, see stream-continuation.ts): then the
 * next target's continuation is spliced in and the caller reads one answer.
 */
export function streamBody({
  call,
  attempt: firstAttempt,
  opening: firstOpening,
  route,
  callerSignal,
  resume,
}: {
  call: RoutedCall;
  attempt: ActiveAttempt;
  opening: StreamOpening;
  route: ResolvedRoute;
  callerSignal: AbortSignal | undefined;
  resume?: StreamResumer | undefined;
}): ReadableStream<LanguageModelV4StreamPart> {
  let attempt = firstAttempt;
  let opening = firstOpening;
  let idleMs = idleMsOf(attempt, route);
  let index = 0;
  let settled = false;
  let usage: LanguageModelV4Usage | undefined;
  /** What reached the caller, kept only when the route may continue a broken stream. */
  const delivered: DeliveredText | undefined = resume?.track();
  /** Rewrites a continuation's parts to extend the caller's stream. */
  let splice:
    | ((part: LanguageModelV4StreamPart) => LanguageModelV4StreamPart | undefined)
    | undefined;
  /** A continuation is starting; the caller cancelled meanwhile. */
  let resuming = false;
  let cancelledWith: { reason: unknown } | undefined;

  const succeed = () => {
    if (settled) return;
    settled = true;
    call.succeed(attempt, usage, opening.ttftMs);
  };

  const endWithError = (
    controller: Controller,
    error: unknown,
    target: string,
    detail: string,
    unified: 'error' | 'interrupted',
  ) => {
    controller.enqueue({
      type: 'error',
      error: new StreamInterruptedError({ trace: call.trace, target, detail, cause: error }),
    });
    controller.enqueue({
      type: 'finish',
      usage: usage ?? emptyUsage,
      finishReason: { unified, raw: undefined },
      providerMetadata: traceMetadata(call.trace),
    });
    controller.close();
  };

  const fail = (
    controller: Controller,
    error: unknown,
    unified: 'error' | 'interrupted',
    mayContinue = true,
  ): void | Promise<void> => {
    if (settled) return;
    opening.reader.cancel(error).catch(() => {});
    const callerAborted = callerSignal?.aborted === true;
    const classified = classifyAttemptError(attempt, error, callerSignal);
    if (
      mayContinue &&
      resume &&
      delivered &&
      !callerAborted &&
      classified.errorClass === 'retryable-transient'
    ) {
      const next = resume.start({ call, broken: attempt, classified, usage, delivered });
      if (next) return switchTo(controller, next, classified.message);
    }
    settled = true;
    call.interrupt(attempt, classified, usage);
    if (callerAborted) {
      controller.error(callerSignal?.reason);
      return;
    }
    endWithError(controller, error, attempt.target.id, classified.message, unified);
  };

  /** Waits for the continuation's first content, then reads on from it. */
  const switchTo = async (
    controller: Controller,
    next: NonNullable<ReturnType<StreamResumer['start']>>,
    brokenDetail: string,
  ): Promise<void> => {
    const broken = attempt;
    resuming = true;
    try {
      const { value, attempt: continuing } = await next.started;
      attempt = continuing;
      opening = value;
      attempt.timer.onExpiredBetweenReads(expire);
      idleMs = idleMsOf(attempt, route);
      index = 0;
      usage = undefined;
      splice = next.splice;
    } catch (error) {
      settled = true;
      if (callerSignal?.aborted) {
        controller.error(callerSignal.reason);
        return;
      }
      // The continuation failed too (or was refused): the call ends as the default would.
      const detail = `${brokenDetail}; no target could continue it (${classifyError(error, { callerAborted: false }).message})`;
      endWithError(controller, error, broken.target.id, detail, 'error');
      return;
    } finally {
      resuming = false;
    }
    if (cancelledWith) {
      cancel(cancelledWith.reason);
      return;
    }
    return step(controller);
  };

  /** One part to the caller: a finish part settles the call and carries the trace. */
  const emit = (controller: Controller, part: LanguageModelV4StreamPart): void | Promise<void> => {
    if (part.type === 'finish') {
      usage = part.usage;
      if (part.finishReason.unified === 'interrupted') {
        // The provider's own mark of a stream that ended without its completion signal.
        return fail(
          controller,
          new StreamBrokenError('The upstream stream ended without its completion signal.'),
          'interrupted',
        );
      }
      succeed();
      controller.enqueue({
        ...part,
        providerMetadata: withTrace(part.providerMetadata, call.trace),
      });
      return;
    }
    delivered?.see(part);
    controller.enqueue(part);
  };

  /** A part read from upstream, rewritten by a continuation's `splice`, to the caller. */
  const forward = (
    controller: Controller,
    upstream: LanguageModelV4StreamPart,
  ): void | Promise<void> => {
    const part = splice ? splice(upstream) : upstream;
    // A dropped part (a continuation's stream-start, say) must not leave the caller's read
    // without an answer.
    if (part === undefined) return step(controller);
    return emit(controller, part);
  };

  /**
   * The opening's parts not yet handed on, all at once: no promise for what is already here.
   * Returns what `emit` returned when a part started a continuation, true once any part went
   * out (or the stream ended), false when none did.
   */
  const flushBuffered = (controller: Controller): boolean | Promise<void> => {
    let sent = false;
    while (index < opening.buffered.length) {
      const upstream = opening.buffered[index++] as LanguageModelV4StreamPart;
      const part = splice ? splice(upstream) : upstream;
      if (part === undefined) continue;
      const next = emit(controller, part);
      if (next !== undefined) return next;
      sent = true;
      if (settled) break;
    }
    return sent;
  };

  /** The stream's controller (from `start`), for the read callbacks and the deadline. */
  let reading: Controller | undefined;

  const onRead = (
    read: ReadableStreamReadResult<LanguageModelV4StreamPart>,
  ): void | Promise<void> => {
    attempt.timer.endRead();
    const controller = reading as Controller;
    if (read.done) {
      // A read that ends because the attempt's signal cancelled the reader is that abort.
      const { signal } = attempt.controller;
      if (signal.aborted) return fail(controller, signal.reason, 'error');
      if (settled) {
        // The read after the finish part armed the idle timer: left pending, it would hold the
        // attempt (and its stream) for idleMs after the call ended.
        attempt.timer.clear();
        controller.close();
        return;
      }
      return fail(
        controller,
        new StreamBrokenError('The upstream stream ended without a finish part.'),
        'interrupted',
      );
    }
    const part = read.value;
    if (part.type === 'error' && !settled) return fail(controller, part.error, 'error');
    return forward(controller, part);
  };

  const onReadError = (error: unknown): void | Promise<void> => {
    attempt.timer.endRead();
    return fail(reading as Controller, error, 'error');
  };

  /**
   * The next part from upstream, under the idle and deadline limits. Not async, and the reader's
   * own abort check folded into `onRead`: one promise per part rather than three.
   */
  const readNext = (controller: Controller): Promise<void> => {
    const { signal } = attempt.controller;
    if (signal.aborted) return Promise.resolve(fail(controller, signal.reason, 'error'));
    attempt.timer.startRead(idleMs, call.deadlineAt);
    return opening.reader.readRaw().then(onRead, onReadError);
  };

  const step = (controller: Controller): void | Promise<void> => {
    // The parts the opening buffered go out in one pull. The next upstream read waits for the
    // next pull, so the caller gets the first content before the read's work starts.
    const flushed = index < opening.buffered.length ? flushBuffered(controller) : false;
    if (flushed !== false) return flushed === true ? undefined : flushed;
    if (opening.done) {
      succeed();
      controller.close();
      return;
    }
    return readNext(controller);
  };

  const cancel = (reason: unknown) => {
    if (resuming) {
      // The continuation's attempt is not ours yet: stop it once it is.
      cancelledWith = { reason };
      return;
    }
    // The caller stopped reading (e.g. client disconnect): abort upstream at once.
    attempt.timer.clear();
    attempt.controller.abort(reason);
    if (!settled) {
      settled = true;
      opening.reader.cancel(reason).catch(() => {});
      const classified = classifyError(reason, { callerAborted: true });
      call.interrupt(attempt, classified, usage);
    }
  };

  /**
   * The deadline ended the attempt while the caller was not reading: the call ends now, as
   * interrupted (its health, stats and budget settle, the upstream closes), and the caller finds
   * what had arrived, then the error part, when it reads on. Never continued elsewhere: the
   * deadline is the call's.
   */
  const expire = () => {
    if (settled || reading === undefined || resuming) return;
    // What arrived before the deadline reaches the caller first (a whole answer settles it).
    flushBuffered(reading);
    if (!settled && !resuming) fail(reading, attempt.controller.signal.reason, 'error', false);
  };
  attempt.timer.onExpiredBetweenReads(expire);

  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      start: (controller) => {
        reading = controller;
      },
      pull: step,
      cancel,
    },
    { highWaterMark: 0 },
  );
}

function idleMsOf(attempt: ActiveAttempt, route: ResolvedRoute): number | undefined {
  return 'idleMs' in attempt.target.timeouts
    ? attempt.target.timeouts.idleMs
    : route.timeouts.idleMs;
}
