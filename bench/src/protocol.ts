/** The fixed answer of every fake server: 20 words, streamed as 8 chunks. */
export const replyText =
  'The quick brown fox jumps over the lazy dog while seven bright stars watch the calm blue sea all night.';

export type ServerName = 'primary' | 'secondary' | 'flaky';

export interface ServerAddress {
  baseURL: string;
  apiKey: string;
}

/** Parent to upstream. */
export type ToUpstream =
  | { type: 'faults'; id: number; rate: number; seed: number }
  | { type: 'counts'; id: number; clear: boolean };

/** Upstream to parent. */
export type UpstreamMessage =
  | { type: 'ready'; servers: Record<ServerName, ServerAddress> }
  | { type: 'ack'; id: number }
  | {
      type: 'counts';
      id: number;
      counts: Record<ServerName, { requests: number; failed: number }>;
      cpu: NodeJS.CpuUsage;
    };
