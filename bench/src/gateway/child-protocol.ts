import type { ServerAddress } from '../protocol.js';

// The messages between the bench and a gateway's process (gateway-child.ts). Types only: the
// child runs under plain Node, which erases these imports.

/** What runs in the child. `idle`: nothing but Node and this protocol, the memory reference. */
export type ChildKind = 'proxy' | 'modelmux' | 'portkey' | 'idle';

/** What the parent hands a gateway's process (as JSON, its second argument). */
export interface GatewaySetup {
  /** The target every gateway calls first (and the direct row calls). */
  primary: ServerAddress;
  /** The fall-back target of the gateways that have one. */
  secondary: ServerAddress;
}

/** Parent to child. */
export interface StatsRequest {
  type: 'stats';
  id: number;
}

/** Child to parent. */
export type ChildMessage =
  /** Listening; `baseURL` is what a client appends `/chat/completions` to. */
  | { type: 'ready'; baseURL: string }
  | {
      type: 'stats';
      id: number;
      /** Resident set size now, and its peak so far, in bytes. */
      rssBytes: number;
      peakRssBytes: number;
      cpu: NodeJS.CpuUsage;
    };
