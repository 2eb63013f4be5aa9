import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDelayQueues } from './delay-queues.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const queues = createDelayQueues(() => Date.now());
  const fired: string[] = [];
  const at = (name: string) => () => fired.push(`${name}@${Date.now() - start}`);
  const start = Date.now();
  return { queues, fired, at };
}

describe('createDelayQueues', () => {
  it('runs timers of one delay in order, each at its own time, behind one Node timer', () => {
    const { queues, fired, at } = setup();
    queues.set(at('a'), 2000);
    vi.advanceTimersByTime(300);
    queues.set(at('b'), 2000);
    vi.advanceTimersByTime(200);
    queues.set(at('c'), 2000);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1499);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a@2000']);
    vi.advanceTimersByTime(300);
    expect(fired).toEqual(['a@2000', 'b@2300']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['a@2000', 'b@2300', 'c@2500']);
    expect(queues.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never runs a cleared timer, and the next one reuses the armed Node timer', () => {
    const { queues, fired, at } = setup();
    for (let call = 0; call < 100; call += 1) {
      const handle = queues.set(at(`call${call}`), 120_000);
      vi.advanceTimersByTime(5);
      queues.clear(handle);
    }
    expect(vi.getTimerCount()).toBe(1);
    const last = queues.set(at('last'), 120_000);
    vi.advanceTimersByTime(120_000);
    expect(fired).toEqual(['last@120500']);
    queues.clear(last); // already run: a no-op
    expect(queues.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a long-lived timer right while thousands around it are set and cleared', () => {
    const { queues, fired, at } = setup();
    queues.set(at('slow'), 30_000);
    for (let call = 0; call < 5000; call += 1) queues.clear(queues.set(() => {}, 30_000));
    vi.advanceTimersByTime(29_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['slow@30000']);
  });

  it('keeps one queue per delay', () => {
    const { queues, fired, at } = setup();
    queues.set(at('long'), 5000);
    queues.set(at('short'), 1000);
    expect(queues.size).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(fired).toEqual(['short@1000', 'long@5000']);
  });

  it('runs a timer set by a firing callback at its own time, still behind one Node timer', () => {
    const { queues, fired, at } = setup();
    queues.set(() => {
      fired.push(`first@${Date.now()}`);
      queues.set(at('second'), 1000);
    }, 1000);
    const start = Date.now();
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([`first@${start + 1000}`]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([`first@${start + 1000}`, 'second@2000']);
  });

  it('waits out a delay longer than a Node timer can hold instead of firing at once', () => {
    const { queues, fired, at } = setup();
    const delay = 2 ** 31 + 5000;
    queues.set(at('far'), delay);
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(5001);
    expect(fired).toEqual([`far@${delay}`]);
  });
});
