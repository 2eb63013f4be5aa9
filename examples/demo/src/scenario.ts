import type { DemoFleet } from './fake-fleet.js';

export interface Phase {
  name: string;
  start(fleet: DemoFleet): void;
}

const clear = (fleet: DemoFleet) => {
  for (const server of Object.values(fleet.servers)) server.clearFaults();
};

/** What happens to the fake providers, one phase after another. */
export const fakeScenario: Phase[] = [
  { name: 'steady traffic', start: () => {} },
  {
    name: 'OUTAGE: flash answers 503',
    start: (fleet) => fleet.servers.flash?.addFault({ reply: { status: 503 } }),
  },
  {
    name: 'flash recovers; 429 STORM on sonnet',
    start: (fleet) => {
      clear(fleet);
      fleet.servers.sonnet?.addFault({ reply: { status: 429, retryAfterS: 3 } });
    },
  },
  {
    name: 'SLOW: gpt-mini takes 3 s to its first token; flash down again',
    start: (fleet) => {
      clear(fleet);
      fleet.servers.flash?.addFault({ reply: { status: 503 } });
      fleet.servers['gpt-mini']?.addFault({ reply: { firstByteDelayMs: 3_000 } });
    },
  },
  { name: 'all clear: every provider healthy again', start: clear },
];

/** Real providers: no faults to inject (the fake that is always down shows the fail-over). */
export const realScenario: Phase[] = [{ name: 'real traffic (capped budget)', start: () => {} }];
