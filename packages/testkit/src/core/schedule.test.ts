import { describe, expect, it } from 'vitest';
import { ReplySchedule } from './schedule.js';

describe('ReplySchedule', () => {
  it('serves queued replies first, then rules, then the default', () => {
    const schedule = new ReplySchedule({ text: 'default' }, () => 0);
    schedule.enqueue([{ text: 'queued' }], 'replies');
    schedule.addRule({ next: 1, reply: { status: 503 } }, 'faults[0]');
    expect([schedule.take(), schedule.take(), schedule.take()]).toEqual([
      { text: 'queued' },
      { text: 'default', status: 503 },
      { text: 'default' },
    ]);
  });

  it('repeats the same random pattern for the same seed', () => {
    const pattern = () => {
      const schedule = new ReplySchedule({}, () => 0);
      schedule.addRule({ rate: 0.2, seed: 42, reply: { status: 503 } }, 'faults[0]');
      return Array.from({ length: 1000 }, () => (schedule.take().status ? 1 : 0));
    };
    const first = pattern();
    expect(pattern()).toEqual(first);
    const failures = first.reduce<number>((sum, bit) => sum + bit, 0);
    expect(failures).toBeGreaterThan(150);
    expect(failures).toBeLessThan(250);
  });

  it('applies a window rule only between fromMs and untilMs on the injected clock', () => {
    let now = 0;
    const schedule = new ReplySchedule({}, () => now);
    schedule.addRule({ fromMs: 100, untilMs: 200, reply: { status: 500 } }, 'faults[0]');
    const statuses = [50, 100, 199, 200].map((at) => {
      now = at;
      return schedule.take().status;
    });
    expect(statuses).toEqual([undefined, 500, 500, undefined]);
  });

  it('rejects a rule with a bad rate, naming its path', () => {
    const schedule = new ReplySchedule({}, () => 0);
    expect(() => schedule.addRule({ rate: 2, reply: {} }, 'faults[3]')).toThrow(
      'faults[3].rate: must be a number from 0 to 1',
    );
  });
});
