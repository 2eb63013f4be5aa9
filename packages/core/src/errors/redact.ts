/**
 * The one scrubber. Anything the router writes into a message, trace or log that came from
 * upstream passes through here. It removes what looks like a credential, and URLs (which can
 * carry keys in their query string), and caps the length.
 */
const patterns: [RegExp, string][] = [
  [/\bhttps?:\/\/[^\s"'<>]+/gi, '[url]'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\b(sk|pk|rk|xai|gsk|sk-ant|AIza)[-_A-Za-z0-9]{12,}/g, '[redacted]'],
  [
    /\b((?:api[-_]?key|x-api-key|x-goog-api-key|authorization|token|secret|password)["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi,
    '$1[redacted]',
  ],
  [/\b[A-Za-z0-9_-]{40,}\b/g, '[redacted]'],
];

export function redact(text: string, maxLength = 300): string {
  let scrubbed = text;
  for (const [pattern, replacement] of patterns) scrubbed = scrubbed.replace(pattern, replacement);
  scrubbed = scrubbed.replace(/\s+/g, ' ').trim();
  return scrubbed.length > maxLength ? `${scrubbed.slice(0, maxLength - 1)}…` : scrubbed;
}
