import type { RoutedCallRunner } from '@modelmux/core';
import { withBetaHeader } from '../anthropic/anthropic-beta.js';
import type { MessagesRequest } from '../anthropic/messages-request.js';
import { toAnthropicMessage } from '../anthropic/messages-response.js';
import { anthropicErrorEvent, anthropicMessageEvents } from '../anthropic/messages-stream.js';
import type { Exchange } from '../exchange.js';
import type { JsonObject } from '../openai/request-fields.js';
import { AnthropicEventRelay } from './anthropic-event-relay.js';
import { type AnthropicUpstreamUsage, usageFromAnthropic } from './anthropic-usage.js';
import { runPassThrough } from './routed-relay.js';

const messageStop = 'event: message_stop\ndata: {"type":"message_stop"}\n\n';

/**
 * `POST /v1/messages` relayed to the targets that speak Anthropic's Messages API: the client's
 * body with only `model` changed (`service_tier`, the operator's choice, dropped), and the
 * upstream's answer with the gateway's `id` and `model`. Structured output (`output_format`,
 * `output_config`) needs the provider package's beta headers: those requests are translated.
 * The client's betas go upstream in `anthropic-beta`, after the provider's configured ones.
 */
export function passThroughMessages(
  exchange: Exchange,
  body: JsonObject,
  request: MessagesRequest,
  runner: RoutedCallRunner,
  { identity, betas }: { identity: { id: string; model: string }; betas: readonly string[] },
): Promise<void> {
  const { id, model } = identity;
  return runPassThrough(exchange, {
    protocol: 'anthropic-messages',
    runner,
    request,
    relayable: isAbsent(body.output_format) && isAbsent(body.output_config),
    upstreamBody(modelId) {
      const upstream: JsonObject = { ...body, model: modelId };
      delete upstream.service_tier;
      return upstream;
    },
    ...(betas.length > 0 && { upstreamHeaders: (headers) => withBetaHeader(headers, betas) }),
    rewrite(answer) {
      answer.id = id;
      answer.model = model;
      return usageFromAnthropic(answer.usage as AnthropicUpstreamUsage | undefined);
    },
    eventRelay: () => new AnthropicEventRelay(id, model),
    translation: {
      answer: (result) => toAnthropicMessage(result, identity),
      events: (parts) => anthropicMessageEvents(parts, identity),
      isEnd: (event) => event.endsWith(messageStop),
    },
    errorEvent: anthropicErrorEvent,
  });
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}
