import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../test/support/fake-clock.js';
import type { AttemptTimeoutError } from '../errors/attempt-timeout-error.js';
import { AttemptTimer } from './attempt-timer.js';

function setup() {
  const clock = createFakeClock();
  const controller = new AbortController();
  const timer = new AttemptTimer(clock, controller);
  const fired = () => controller.signal.reason as AttemptTimeoutError | undefined;
  return { clock, controller, timer, fired };
}

describe('AttemptTimer.arm', () => {
  it('fires the nearest limit, idle on a tie', () => {
    const { clock, timer, fired } = setup();
    timer.arm([
      ['idle', 300],
      ['deadline', 300],
    ]);
    clock.advance(299);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs]).toEqual(['idle', 300]);
  });
});

describe('AttemptTimer reads (stream body)', () => {
  it('fires idle when one read stays pending for idleMs', () => {
    const { clock, timer, fired } = setup();
    timer.startRead(300, undefined);
    clock.advance(299);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs]).toEqual(['idle', 300]);
  });

  it('counts idle time from the start of the pending read, not of the first', () => {
    const { clock, timer, fired } = setup();
    // Ten reads of 200 ms each: 2 s in all, never 300 ms without a part.
    for (let read = 0; read < 10; read += 1) {
      timer.startRead(300, undefined);
      clock.advance(200);
      timer.endRead();
    }
    expect(fired()).toBeUndefined();
    timer.startRead(300, undefined);
    clock.advance(299);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect(fired()?.timer).toBe('idle');
    expect(clock.now()).toBe(1_000_000 + 2_000 + 300);
  });

  it('never fires between reads, however long the caller waits', () => {
    const { clock, timer, fired } = setup();
    timer.startRead(300, 1_000_000 + 500);
    clock.advance(100);
    timer.endRead();
    clock.advance(10_000);
    expect(fired()).toBeUndefined();
  });

  it('fires the deadline when it comes before the idle limit, with the time left at the read', () => {
    const { clock, timer, fired } = setup();
    const deadlineAt = clock.now() + 500;
    timer.startRead(300, deadlineAt);
    clock.advance(250);
    timer.endRead();
    timer.startRead(300, deadlineAt);
    clock.advance(249);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs]).toEqual(['deadline', 250]);
  });

  it('fires at once for a read that starts after the deadline', () => {
    const { clock, timer, fired } = setup();
    timer.startRead(300, clock.now() - 10);
    clock.advance(0);
    expect([fired()?.timer, fired()?.afterMs]).toEqual(['deadline', 0]);
  });

  it("replaces the opening's attempt timer at the first read", () => {
    const { clock, timer, fired } = setup();
    timer.arm([['attempt', 100]]);
    clock.advance(50);
    timer.startRead(300, undefined);
    clock.advance(100);
    expect(fired()).toBeUndefined();
    clock.advance(200);
    expect(fired()?.timer).toBe('idle');
  });

  it('has no timer without limits, and none after clear()', () => {
    const { clock, timer, fired } = setup();
    timer.startRead(undefined, undefined);
    expect(clock.pending()).toBe(0);
    timer.startRead(Number.POSITIVE_INFINITY, undefined);
    expect(clock.pending()).toBe(0);
    timer.startRead(300, undefined);
    timer.clear();
    clock.advance(1_000);
    expect([fired(), clock.pending()]).toEqual([undefined, 0]);
  });
});
