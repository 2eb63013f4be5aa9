import { createHash } from 'node:crypto';
import type { Endpoint } from '../core/driver.js';
import { seededRandom } from '../core/schedule.js';

/** gemini-embedding-001's default size; `outputDimensionality` asks for fewer, as on the real API. */
const defaultDimensions = 3072;

interface EmbedRequest {
  content?: { parts?: { text?: unknown }[] };
  outputDimensionality?: unknown;
}

/**
 * `POST /v1beta/models/{model}:embedContent` (`{content}` -> `{embedding:{values}}`) and
 * `:batchEmbedContents` (`{requests:[...]}` -> `{embeddings:[{values}]}`). Vectors are unit
 * length and derived from a hash of model and text, so equal texts embed equally across runs.
 */
export function embedContentEndpoint(model: string, batch: boolean): Endpoint {
  return {
    summarize(body) {
      if (batch) {
        const requests = (body as { requests?: unknown } | undefined)?.requests;
        if (!Array.isArray(requests) || requests.length === 0) {
          throw new Error('* BatchEmbedContentsRequest.requests: requests is not specified');
        }
        requests.forEach((request, index) => {
          checkContent(request, `requests[${index}].content`);
        });
      } else {
        checkContent(body, 'content');
      }
      return { model, stream: false };
    },
    async respond(exchange) {
      if (batch) {
        const { requests } = exchange.body as { requests: EmbedRequest[] };
        await exchange.json(200, {
          embeddings: requests.map((request) => ({ values: embeddingOf(model, request) })),
        });
        return;
      }
      await exchange.json(200, {
        embedding: { values: embeddingOf(model, exchange.body as EmbedRequest) },
      });
    },
  };
}

function checkContent(request: unknown, path: string): void {
  const parts = (request as EmbedRequest | undefined)?.content?.parts;
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new Error(`* EmbedContentRequest.${path}: content is not specified`);
  }
}

function embeddingOf(model: string, request: EmbedRequest): number[] {
  const text = (request.content?.parts ?? [])
    .map((part) => (typeof part?.text === 'string' ? part.text : ''))
    .join('');
  const asked = request.outputDimensionality;
  const dimensions =
    typeof asked === 'number' && Number.isInteger(asked) && asked > 0 ? asked : defaultDimensions;
  const seed = createHash('sha256').update(`${model}\n${text}`).digest().readUInt32LE(0);
  const random = seededRandom(seed);
  const values = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return values.map((value) => value / norm);
}
