import { createHash, timingSafeEqual } from 'node:crypto';

/** How a virtual key is stored: `sha256:` and the hex SHA-256 of the key's UTF-8 bytes. */
export const keyHashPattern = /^sha256:[0-9a-f]{64}$/;

/**
 * The stored form of a virtual key, for `gateway.keys[].keyHash` (also `modelmux hash-key`).
 * A key is a long random token, so one unsalted SHA-256 is enough: there is nothing to guess.
 */
export function hashApiKey(key: string): string {
  return `sha256:${digestOf(key).toString('hex')}`;
}

/** The 32 digest bytes of a stored `sha256:<hex>` hash. */
export function digestOfHash(keyHash: string): Buffer {
  return Buffer.from(keyHash.slice('sha256:'.length), 'hex');
}

export function digestOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * The index of the stored digest that matches, or -1. Every stored digest is compared, each in
 * constant time, so the answer's timing does not depend on which key (if any) matched.
 */
export function matchDigest(presented: Buffer, stored: readonly Buffer[]): number {
  let match = -1;
  for (let index = 0; index < stored.length; index += 1) {
    if (timingSafeEqual(presented, stored[index] as Buffer) && match === -1) match = index;
  }
  return match;
}
