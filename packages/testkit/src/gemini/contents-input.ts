/**
 * Reads what the answer planner needs from a Gemini `GenerateContentRequest`: `contents` (turns
 * with `role` 'user' or 'model' and `parts`), `systemInstruction` and `generationConfig`.
 */

export interface GeminiPrompt {
  lastUserText: string;
  promptText: string;
  jsonMode: boolean;
}

interface Part {
  text?: unknown;
  functionCall?: unknown;
  functionResponse?: unknown;
}

interface Content {
  role?: unknown;
  parts?: unknown;
}

/** Throws the message Gemini's own validation sends when the request has no turns. */
export function checkGenerateContentRequest(body: unknown): void {
  const contents = (body as { contents?: unknown } | undefined)?.contents;
  if (!Array.isArray(contents) || contents.length === 0) {
    throw new Error('* GenerateContentRequest.contents: contents is not specified');
  }
}

export function readGeminiPrompt(body: unknown): GeminiPrompt {
  const request = (body ?? {}) as {
    contents?: unknown;
    systemInstruction?: unknown;
    generationConfig?: {
      responseMimeType?: unknown;
      responseSchema?: unknown;
      responseJsonSchema?: unknown;
    };
  };
  const contents = Array.isArray(request.contents) ? (request.contents as Content[]) : [];
  // A turn without a role is a user turn, as the API treats it.
  const userTexts = contents
    .filter((content) => content?.role === undefined || content.role === 'user')
    .map((content) => textOf(content))
    .filter((text) => text !== '');
  const system = request.systemInstruction;
  const systemText = typeof system === 'string' ? system : textOf(system as Content | undefined);
  const promptText = [systemText, ...contents.map((content) => textOf(content, true))]
    .filter((text) => text !== '')
    .join('\n');
  const config = request.generationConfig;
  return {
    lastUserText: userTexts.at(-1) ?? '',
    promptText,
    jsonMode:
      config?.responseMimeType === 'application/json' ||
      config?.responseSchema != null ||
      config?.responseJsonSchema != null,
  };
}

/** Text parts joined; with `withCalls`, function calls and results count too (they cost tokens). */
function textOf(content: Content | undefined, withCalls = false): string {
  const parts = Array.isArray(content?.parts) ? (content.parts as Part[]) : [];
  return parts
    .map((part) => {
      if (typeof part?.text === 'string') return part.text;
      if (!withCalls) return '';
      if (part?.functionCall !== undefined) return JSON.stringify(part.functionCall);
      if (part?.functionResponse !== undefined) return JSON.stringify(part.functionResponse);
      return '';
    })
    .join('');
}
