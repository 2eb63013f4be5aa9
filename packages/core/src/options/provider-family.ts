/**
 * The provider family of an AI SDK model's `provider` string, for traces, telemetry and the price
 * table: `openai.chat` and `openai.responses` -> `openai`, `anthropic.messages` -> `anthropic`,
 * `google.generative-ai` -> `google`, `azure-openai.chat` -> `azure`. Otherwise the part before
 * the first dot, which is how every AI SDK provider package names itself.
 */
export function providerFamily(provider: string): string {
  const head = provider.split('.', 1)[0] ?? provider;
  if (head.startsWith('azure')) return 'azure';
  return head === '' ? provider : head;
}
