import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { StreamBrokenError } from '../errors/attempt-timeout-error.js';
import { classifyError } from '../errors/classify-error.js';
import { StreamInterruptedError } from '../errors/stream-interrupted-error.js';
import type { ResolvedRoute } from '../options/resolved-options.js';
import type { ActiveAttempt, RoutedCall } from './routed-call.js';
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

/**
 * The stream handed to the caller once content has started: the buffered opening parts, then
 * the upstream's parts one pull at a time (no extra transform layer). The finish part carries
 * the trace. A failure from here on is never hidden or spliced: it becomes an error part
 * (StreamInterruptedError, with the trace) and a finish part whose reason is error/interrupted.
 */
export function streamBody({
  call,
  attempt,
  opening,
  route,
  callerSignal,
}: {
  call: RoutedCall;
  attempt: ActiveAttempt;
  opening: StreamOpening;
  route: ResolvedRoute;
  callerSignal: AbortSignal | undefined;
}): ReadableStream<LanguageModelV4StreamPart> {
  const { reader, buffered } = opening;
  const { signal } = attempt.controller;
  const idleMs =
    'idleMs' in attempt.target.timeouts ? attempt.target.timeouts.idleMs : route.timeouts.idleMs;
  let index = 0;
  let settled = false;
  let usage: LanguageModelV4Usage | undefined;

  const succeed = () => {
    if (settled) return;
    settled = true;
    call.succeed(attempt, usage, opening.ttftMs);
  };

  const fail = (
    controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>,
    error: unknown,
    unified: 'error' | 'interrupted',
  ) => {
    if (settled) return;
    settled = true;
    reader.cancel(error).catch(() => {});
    const callerAborted = callerSignal?.aborted === true;
    const classified = classifyError(signal.aborted && !callerAborted ? signal.reason : error, {
      callerAborted,
    });
    call.interrupt(attempt, classified, usage);
    if (callerAborted) {
      controller.error(callerSignal?.reason);
      return;
    }
    controller.enqueue({
      type: 'error',
      error: new StreamInterruptedError({
        trace: call.trace,
        target: attempt.target.id,
        detail: classified.message,
        cause: error,
      }),
    });
    controller.enqueue({
      type: 'finish',
      usage: usage ?? emptyUsage,
      finishReason: { unified, raw: undefined },
      providerMetadata: traceMetadata(call.trace),
    });
    controller.close();
  };

  const forward = (
    controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>,
    part: LanguageModelV4StreamPart,
  ) => {
    if (part.type === 'finish') {
      usage = part.usage;
      if (part.finishReason.unified === 'interrupted') {
        // The provider's own mark of a stream that ended without its completion signal.
        fail(
          controller,
          new StreamBrokenError('The upstream stream ended without its completion signal.'),
          'interrupted',
        );
        return;
      }
      succeed();
      controller.enqueue({
        ...part,
        providerMetadata: withTrace(part.providerMetadata, call.trace),
      });
      return;
    }
    controller.enqueue(part);
  };

  /** The next part from upstream, under the idle and deadline limits. */
  const readNext = async (
    controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>,
  ): Promise<void> => {
    attempt.timer.startRead(idleMs, call.deadlineAt);
    let read: ReadableStreamReadResult<LanguageModelV4StreamPart>;
    try {
      read = await reader.read();
    } catch (error) {
      fail(controller, error, 'error');
      return;
    } finally {
      attempt.timer.endRead();
    }
    if (read.done) {
      if (settled) {
        // The read after the finish part armed the idle timer: left pending, it would hold the
        // attempt (and its stream) for idleMs after the call ended.
        attempt.timer.clear();
        controller.close();
      } else
        fail(
          controller,
          new StreamBrokenError('The upstream stream ended without a finish part.'),
          'interrupted',
        );
      return;
    }
    const part = read.value;
    if (part.type === 'error' && !settled) {
      fail(controller, part.error, 'error');
      return;
    }
    forward(controller, part);
  };

  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      // Synchronous for the parts the opening buffered: no promise for what is already here.
      pull(controller) {
        if (index < buffered.length) {
          forward(controller, buffered[index++] as LanguageModelV4StreamPart);
          return;
        }
        if (opening.done) {
          succeed();
          controller.close();
          return;
        }
        return readNext(controller);
      },
      cancel(reason) {
        // The caller stopped reading (e.g. client disconnect): abort upstream at once.
        attempt.timer.clear();
        attempt.controller.abort(reason);
        if (!settled) {
          settled = true;
          reader.cancel(reason).catch(() => {});
          const classified = classifyError(reason, { callerAborted: true });
          call.interrupt(attempt, classified, usage);
        }
      },
    },
    { highWaterMark: 0 },
  );
}
