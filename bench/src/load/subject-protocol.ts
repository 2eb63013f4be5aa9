import type { ServerAddress } from '../protocol.js';

// The messages between the load bench and a subject's process (subject-child.ts). Types only:
// the child may run under plain Node, which erases these imports.

/**
 * What runs in the child. `proxy`: a bare node:http pass-through to the primary (the floor).
 * `gateway`: modelmux's gateway over a router (primary, then secondary). `router`: an app whose
 * handler calls generateText on the router's model in-process. `direct`: the same app calling
 * the provider directly with the AI SDK (no router, no fail-over).
 */
export type SubjectKind = 'proxy' | 'gateway' | 'router' | 'direct';

export interface SubjectSetup {
  primary: ServerAddress;
  secondary: ServerAddress;
}

/** Parent to child: `probe` forces a GC and reports; `reset` restarts the event-loop histogram. */
export interface ProbeRequest {
  type: 'probe' | 'reset';
  id: number;
}

export interface Probe {
  /** V8 heap in use right after a full GC, in bytes. */
  heapAfterGcBytes: number;
  rssBytes: number;
  /** Active resources by type (process.getActiveResourcesInfo()). */
  resources: Record<string, number>;
  /** Open TCP sockets (client and server side) among them. */
  sockets: number;
  /** Event-loop delay since the last reset, in ms. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

export type SubjectMessage =
  | { type: 'ready'; url: string }
  | ({ type: 'probe'; id: number } & Probe)
  | { type: 'ack'; id: number };
