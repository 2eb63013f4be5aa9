import { randomBytes } from 'node:crypto';
import { type Answer, planAnswer } from '../core/answer.js';
import type { Endpoint } from '../core/driver.js';
import type { Exchange } from '../core/exchange.js';
import { checkGenerateContentRequest, readGeminiPrompt } from './contents-input.js';

/**
 * `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`.
 * Non-stream: one GenerateContentResponse. Stream: one `data:` line per GenerateContentResponse
 * chunk (no `event:` lines, no `[DONE]`); each text piece is a chunk, function calls arrive whole
 * in one chunk (Gemini does not stream their arguments), and a last chunk carries finishReason
 * "STOP" and the full usage. That last chunk is the terminator: without it (`no-terminator`)
 * the stream just ends, which is how a cut Gemini stream looks.
 */
export function generateContentEndpoint(model: string, stream: boolean): Endpoint {
  return {
    summarize(body, url) {
      // Without alt=sse the real API streams one JSON array instead, which the fake does not speak.
      if (stream && url.searchParams.get('alt') !== 'sse') {
        throw new Error(
          'streamGenerateContent needs ?alt=sse: the fake only streams server-sent events.',
        );
      }
      checkGenerateContentRequest(body);
      return { model, stream };
    },
    async respond(exchange) {
      const answer = planAnswer(exchange.reply, readGeminiPrompt(exchange.body));
      // Only ids a test scripted go on the wire: the Gemini API usually sends function calls
      // without one, and the SDKs make their own.
      const scriptedIds = (exchange.reply.toolCalls ?? []).map((call) => call.id);
      const meta = { modelVersion: model, responseId: geminiResponseId() };
      if (stream) {
        await streamAnswer(exchange, answer, scriptedIds, meta);
        return;
      }
      const parts = [
        ...(answer.text !== '' || answer.toolCalls.length === 0 ? [{ text: answer.text }] : []),
        ...functionCallParts(answer, scriptedIds),
      ];
      await exchange.json(200, {
        candidates: [candidate(parts, 'STOP')],
        usageMetadata: usageMetadata(answer, true),
        ...meta,
      });
    },
  };
}

type Meta = { modelVersion: string; responseId: string };

async function streamAnswer(
  exchange: Exchange,
  answer: Answer,
  scriptedIds: (string | undefined)[],
  meta: Meta,
): Promise<void> {
  await exchange.startStream();
  // Every chunk repeats the prompt count, as the API does; the output count comes at the end.
  const chunk = (parts: unknown[], finishReason?: string, complete = false) => ({
    data: {
      candidates: [candidate(parts, finishReason)],
      usageMetadata: usageMetadata(answer, complete),
      ...meta,
    },
  });
  for (const text of answer.textChunks) await exchange.content(chunk([{ text }]));
  if (answer.toolCalls.length > 0) {
    await exchange.content(chunk(functionCallParts(answer, scriptedIds)));
  }
  exchange.finish([chunk([{ text: '' }], 'STOP', true)]);
}

function candidate(parts: unknown[], finishReason: string | undefined) {
  return {
    content: { parts, role: 'model' },
    ...(finishReason ? { finishReason } : {}),
    index: 0,
  };
}

function functionCallParts(answer: Answer, scriptedIds: (string | undefined)[]) {
  return answer.toolCalls.map((call, index) => {
    const id = scriptedIds[index];
    return {
      functionCall: { ...(id ? { id } : {}), name: call.name, args: JSON.parse(call.arguments) },
    };
  });
}

function usageMetadata(answer: Answer, complete: boolean) {
  const { inputTokens, outputTokens } = answer.usage;
  const promptTokensDetails = [{ modality: 'TEXT', tokenCount: inputTokens }];
  if (!complete)
    return { promptTokenCount: inputTokens, totalTokenCount: inputTokens, promptTokensDetails };
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: inputTokens + outputTokens,
    promptTokensDetails,
  };
}

/** The shape of Gemini's response ids: about 23 URL-safe base64 characters. */
function geminiResponseId(): string {
  return randomBytes(17).toString('base64url');
}
