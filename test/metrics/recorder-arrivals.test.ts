import { describe, expect, it } from 'vitest';
import { RunRecorder } from '../../src/metrics/recorder.ts';
import { EventLog } from '../../src/model/event-log.ts';

const WINDOW = { start: 0, end: 10_000 };

/** Counts arrivals given out of time order, as live consumers report them. */
function peaksOf(times: readonly number[], inOrder: boolean) {
  const recorder = new RunRecorder(new EventLog([]), [undefined], WINDOW, true, inOrder);
  for (const time of times) recorder.countArrival(time);
  return recorder.result('poll');
}

describe('arrivals out of order', () => {
  // Three requests in 50 ms, reported after a later one: a sorted count finds all three.
  const times = [5_000, 1_000, 1_020, 1_040];
  const result = peaksOf(times, false);

  it('count the peak per second', () => {
    expect(result.peakPerSecond).toBe(3);
  });

  it('count the peak per 100 ms', () => {
    expect(result.peakPer100ms).toBe(3);
  });

  it('skip arrivals before the window', () => {
    expect(peaksOf([-5, 10, 20], false).peakPerSecond).toBe(2);
  });
});
