import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';

/** One call a controlled model received: the test decides when and how it answers. */
export interface ControlledCall {
  options: LanguageModelV4CallOptions;
  /** Whether the router aborted this call's request. */
  aborted(): boolean;
  /** Generate: the answer. Stream: the first text delta, then the finish. */
  answer(text?: string): void;
  fail(error: Error): void;
}

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/**
 * A LanguageModelV4 whose every call waits for the test (`calls[n].answer()`), and rejects with
 * the abort reason when the router aborts it: for the attempt engine on an injected clock.
 */
export function controlledModel(id: string): LanguageModelV4 & { calls: ControlledCall[] } {
  const calls: ControlledCall[] = [];

  function track(options: LanguageModelV4CallOptions) {
    let resolveAnswer: (text: string) => void = () => {};
    let rejectAnswer: (error: unknown) => void = () => {};
    const answered = new Promise<string>((resolve, reject) => {
      resolveAnswer = resolve;
      rejectAnswer = reject;
    });
    answered.catch(() => {});
    const signal = options.abortSignal;
    signal?.addEventListener('abort', () => rejectAnswer(signal.reason), { once: true });
    calls.push({
      options,
      aborted: () => signal?.aborted === true,
      answer: (text = `from ${id}`) => resolveAnswer(text),
      fail: (error) => rejectAnswer(error),
    });
    return answered;
  }

  return {
    specificationVersion: 'v4',
    provider: 'openai.chat',
    modelId: id,
    supportedUrls: {},
    calls,
    async doGenerate(options): Promise<LanguageModelV4GenerateResult> {
      const text = await track(options);
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      };
    },
    async doStream(options) {
      const answered = track(options);
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
        },
        async pull(controller) {
          try {
            const text = await answered;
            controller.enqueue({ type: 'text-start', id: '1' });
            controller.enqueue({ type: 'text-delta', id: '1', delta: text });
            controller.enqueue({ type: 'text-end', id: '1' });
            controller.enqueue({
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage,
            });
            controller.close();
          } catch (error) {
            controller.error(error);
          }
        },
      });
      return { stream };
    },
  };
}
