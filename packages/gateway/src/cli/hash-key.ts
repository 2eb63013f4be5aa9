import { hashApiKey } from '../auth/key-hash.js';

/**
 * `modelmux hash-key`: reads a key on stdin (so it stays out of the shell's history) and prints
 * the `keyHash` to put in `gateway.keys`.
 */
export async function hashKeyFromStdin(
  stdin: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  const key = text.trim();
  if (key === '') throw new Error('No key on stdin. Try: openssl rand -hex 24 | modelmux hash-key');
  stdout.write(`${hashApiKey(key)}\n`);
}
