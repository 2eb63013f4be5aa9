import { describe, expect, it } from 'vitest';
import { startFleet } from './support/fleet.js';
import { openPath, pathNames } from './support/paths.js';
import { judge, scanForCanaryAfterAll } from './support/scenario.js';

// A stream cut by a TCP reset: before any content it fails over unseen; after content it ends
// with an error the caller sees (no [DONE] through the gateway, so the openai client throws),
// never a silently spliced answer from another target (Portkey #1797).

scanForCanaryAfterAll('streams');

const text = 'one two three four';

describe.each(pathNames)('broken streams through %s', (pathName) => {
  it('a stream cut before its first content fails over silently', async () => {
    const fleet = await startFleet({ primary: { replies: [{ text, resetAfterChunks: 0 }] } });
    const path = await openPath(pathName, fleet.router);
    const outcome = await path.call({ stream: true });
    judge(
      'stream cut before content',
      pathName,
      `${outcome.ok ? `answered "${outcome.text}"` : `error ${outcome.code}`}; secondary calls ${fleet.secondary.requests.length}`,
      'answered by secondary, no error seen',
      outcome.ok && outcome.text === 'echo: hi' && fleet.secondary.requests.length === 1,
    );
  });

  it('a stream cut after content ends with an error, never spliced', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ text, chunks: 4, resetAfterChunks: 2 }] },
    });
    const path = await openPath(pathName, fleet.router);
    const outcome = await path.call({ stream: true });
    const next = await path.call({ stream: true });
    judge(
      'stream cut after content',
      pathName,
      `${outcome.ok ? 'completed' : 'error'} after "${outcome.text}"; secondary calls during it ${fleet.secondary.requests.length}; next stream ${next.ok ? 'ok' : 'failed'}`,
      `an error after the delivered text; 0 secondary calls; the next stream ok`,
      !outcome.ok &&
        text.startsWith(outcome.text) &&
        outcome.text.length > 0 &&
        fleet.secondary.requests.length === 0 &&
        next.ok,
    );
    if (pathName === 'gateway') expect(outcome.error).toBeInstanceOf(Error);
  });

  it('a stream that ends without its terminator is an error, not a complete answer', async () => {
    const fleet = await startFleet({
      primary: { replies: [{ text, chunks: 4, fault: 'no-terminator' }] },
    });
    const path = await openPath(pathName, fleet.router);
    const outcome = await path.call({ stream: true });
    judge(
      'stream without terminator',
      pathName,
      `${outcome.ok ? `completed "${outcome.text}"` : `error after "${outcome.text}"`}`,
      'an error the caller sees',
      !outcome.ok,
    );
  });
});
