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

describe('AttemptTimer.armAttempt', () => {
  it("fires the opening's nearest limit: first-chunk before the attempt and the deadline", () => {
    const { clock, timer, fired } = setup();
    timer.armAttempt(500, 200, 300, clock.now());
    clock.advance(199);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs]).toEqual(['first-chunk', 200]);
  });
});

describe('AttemptTimer reads (stream body)', () => {
  it('fires the nearest limit, idle on a tie with the deadline', () => {
    const { clock, timer, fired } = setup();
    timer.startRead(300, clock.now() + 300);
    clock.advance(299);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs]).toEqual(['idle', 300]);
  });

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

  it('never fires the idle limit between reads, however long the caller waits', () => {
    const { clock, timer, fired } = setup();
    timer.startRead(300, undefined);
    clock.advance(100);
    timer.endRead();
    clock.advance(10_000);
    expect([fired(), clock.pending()]).toEqual([undefined, 0]);
  });

  it('fires the deadline between reads too, counted from the last read, and calls back', () => {
    const { clock, timer, fired } = setup();
    let expired = 0;
    timer.onExpiredBetweenReads(() => {
      expired += 1;
    });
    timer.startRead(300, clock.now() + 500);
    clock.advance(100);
    timer.endRead();
    clock.advance(399);
    expect([fired(), expired]).toEqual([undefined, 0]);
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs, expired]).toEqual(['deadline', 500, 1]);
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
    timer.armAttempt(100, undefined, undefined, clock.now());
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

describe('AttemptTimer.openBody (a stream whose opening delivered)', () => {
  it("ends the opening's first-chunk limit; the deadline still ends a body nobody reads", () => {
    const { clock, timer, fired } = setup();
    let expired = 0;
    timer.onExpiredBetweenReads(() => {
      expired += 1;
    });
    const start = clock.now();
    timer.armAttempt(100, 50, 1_000, start);
    clock.advance(20);
    timer.openBody(start + 1_000);
    clock.advance(80);
    expect(fired()).toBeUndefined();
    clock.advance(899);
    expect(fired()).toBeUndefined();
    clock.advance(1);
    expect([fired()?.timer, fired()?.afterMs, expired]).toEqual(['deadline', 980, 1]);
  });

  it('leaves no timer behind without a deadline, once the opening timer has re-checked', () => {
    const { clock, timer, fired } = setup();
    timer.armAttempt(100, 50, undefined, clock.now());
    clock.advance(10);
    timer.openBody(undefined);
    clock.advance(50);
    expect([fired(), clock.pending()]).toEqual([undefined, 0]);
  });

  it('settles a read that the deadline cuts through the abort, without the callback', () => {
    const { clock, timer, fired } = setup();
    let expired = 0;
    timer.onExpiredBetweenReads(() => {
      expired += 1;
    });
    timer.openBody(clock.now() + 200);
    clock.advance(150);
    timer.startRead(undefined, clock.now() + 50);
    clock.advance(50);
    expect([fired()?.timer, expired]).toEqual(['deadline', 0]);
  });
});
