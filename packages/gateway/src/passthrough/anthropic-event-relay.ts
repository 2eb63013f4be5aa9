import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { type AnthropicUpstreamUsage, usageFromAnthropic } from './anthropic-usage.js';
import { dataOf, EventRelay, nonEmpty } from './event-relay.js';

/** An upstream Messages stream event, as far as the relay reads it. */
interface UpstreamEvent {
  type?: unknown;
  message?: { id?: unknown; model?: unknown; usage?: AnthropicUpstreamUsage };
  content_block?: { type?: unknown };
  delta?: Record<string, unknown>;
  usage?: AnthropicUpstreamUsage;
}

/** Blocks whose start is content (the AI SDK's tool-input-start); text and thinking wait for a delta. */
const contentBlocks = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

/**
 * Anthropic's Messages events, relayed as they are but for `message_start`, which carries the
 * gateway's `id` and `model` (as on the translated path). Usage comes from `message_start` and
 * `message_delta`; `message_stop` completes the stream.
 */
export class AnthropicEventRelay extends EventRelay {
  protected readonly missingEnd = 'The upstream stream ended without its message_stop event.';
  private upstreamUsage: AnthropicUpstreamUsage = {};
  private sawUsage = false;

  constructor(
    private readonly id: string,
    private readonly model: string,
  ) {
    super();
  }

  usage(): LanguageModelV4Usage | undefined {
    return this.sawUsage ? usageFromAnthropic(this.upstreamUsage) : undefined;
  }

  protected relay(event: string): string {
    const data = dataOf(event);
    if (data === undefined) return '';
    const parsed = JSON.parse(data) as UpstreamEvent;
    switch (parsed.type) {
      case 'error':
        throw parsed;
      case 'message_start': {
        const message = parsed.message;
        if (message) {
          this.addUsage(message.usage);
          message.id = this.id;
          message.model = this.model;
        }
        return `event: message_start\ndata: ${JSON.stringify(parsed)}\n\n`;
      }
      case 'content_block_start':
        if (!this.content && contentBlocks.has(String(parsed.content_block?.type)))
          this.content = true;
        break;
      case 'content_block_delta':
        if (!this.content && isContentDelta(parsed.delta)) this.content = true;
        break;
      case 'message_delta':
        this.addUsage(parsed.usage);
        break;
      case 'message_stop':
        this.done = true;
        break;
    }
    return `${event}\n\n`;
  }

  private addUsage(usage: AnthropicUpstreamUsage | undefined): void {
    if (usage === undefined || usage === null) return;
    this.sawUsage = true;
    for (const [key, value] of Object.entries(usage))
      if (typeof value === 'number') (this.upstreamUsage as Record<string, number>)[key] = value;
  }
}

function isContentDelta(delta: Record<string, unknown> | undefined): boolean {
  if (delta === undefined || delta === null) return false;
  return (
    nonEmpty(delta.text) ||
    nonEmpty(delta.thinking) ||
    nonEmpty(delta.partial_json) ||
    delta.type === 'citations_delta'
  );
}
