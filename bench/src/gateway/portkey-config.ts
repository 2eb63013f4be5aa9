import type { GatewaySetup } from './child-protocol.js';

/**
 * Portkey's equivalent of the modelmux route: strategy `fallback` over two OpenAI targets whose
 * `custom_host` is the primary, then the secondary (with no `on_status_codes`, any non-2xx
 * answer falls back). Portkey's open-source gateway takes its config per request, in the
 * `x-portkey-config` header.
 */
export function portkeyHeaders({ primary, secondary }: GatewaySetup): Record<string, string> {
  const target = ({ baseURL, apiKey }: { baseURL: string; apiKey: string }) => ({
    provider: 'openai',
    api_key: apiKey,
    custom_host: baseURL,
  });
  const config = { strategy: { mode: 'fallback' }, targets: [target(primary), target(secondary)] };
  return { 'x-portkey-config': JSON.stringify(config) };
}
