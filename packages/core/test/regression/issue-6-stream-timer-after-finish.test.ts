import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/create-router.js';
import { createFakeClock } from '../support/fake-clock.js';
import { fakeTarget, type ProviderName } from '../support/providers.js';
import { callRoute } from '../support/route-call.js';

// Found by the gateway bench: the read that meets a stream's end, after its finish part, armed
// the idle timer again, and nothing cleared it. Each finished stream left a timer pending for
// idleMs (30 s by default), holding its attempt, reader and upstream stream: at 900 streams/s,
// some 27,000 of them.

describe.each<ProviderName>(['openai', 'anthropic', 'gemini'])(
  'a finished %s stream',
  (provider) => {
    it('leaves no router timer pending', async () => {
      const clock = createFakeClock();
      const { target } = await fakeTarget(provider, provider);
      const router = createRouter({
        targets: [target],
        routes: { main: { targets: [provider] } },
        clock,
      });

      const { text } = await callRoute('stream', router.model('main'));

      expect([text, clock.pending()]).toEqual(['echo: hi', 0]);
    });
  },
);
