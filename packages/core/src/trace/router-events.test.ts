import { describe, expect, it } from 'vitest';
import { createRouterEvents } from './router-events.js';

describe('createRouterEvents', () => {
  it('counts a conditional listener as an audience only while its condition holds', () => {
    const events = createRouterEvents(() => {});
    let live = false;
    const seen: string[] = [];
    events.on('decision', (trace) => seen.push(trace.callId), { when: () => live });

    const idle = events.has('decision');
    live = true;
    const listening = events.has('decision');
    events.emit('decision', { callId: 'c1' } as never);

    expect([idle, listening, seen]).toEqual([false, true, ['c1']]);
  });

  it('stops counting a listener once it unsubscribes, conditional or not', () => {
    const events = createRouterEvents(() => {});
    const stopPlain = events.on('attempt-end', () => {});
    const stopLive = events.on('attempt-end', () => {}, { when: () => true });

    stopPlain();
    const afterPlain = events.has('attempt-end');
    stopLive();
    stopLive();

    expect([afterPlain, events.has('attempt-end')]).toEqual([true, false]);
  });

  it('isolates a listener that throws', () => {
    const errors: unknown[] = [];
    const events = createRouterEvents((error) => errors.push(error));
    const seen: string[] = [];
    events.on('call-start', () => {
      throw new Error('listener bug');
    });
    events.on('call-start', (event) => seen.push(event.callId));

    events.emit('call-start', { callId: 'c2' } as never);

    expect([seen, errors.length]).toEqual([['c2'], 1]);
  });
});
