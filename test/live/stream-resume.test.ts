import { beforeAll, describe, expect, it } from 'vitest';
import type { StreamRun } from './helpers/stream-runs.ts';
import { runDropsLive, simulateDrops } from './helpers/stream-runs.ts';

const COUNT_FIELDS = ['requests', 'wastedRequests', 'deliveries', 'resets'] as const;
const EVENT_FIELDS = ['notified', 'missed', 'duplicates', 'duplicatesDropped'] as const;

describe.each(['sse', 'websocket'])('%s resumes live after drops', (strategy) => {
  let live: Awaited<ReturnType<typeof runDropsLive>>;
  let sim: StreamRun;

  beforeAll(async () => {
    live = await runDropsLive(strategy, 1_000);
    sim = simulateDrops(strategy, 1_000);
  }, 20_000);

  it('runs to the end', () => {
    expect(live.live.completed).toBe(true);
  });

  it('resumes from ids 4 and 7', () => {
    expect(live.connects.map((connect) => connect.lastSeq)).toEqual([0, 4, 7]);
  });

  it('opens every connect', () => {
    expect(live.connects.every((connect) => connect.state === 'open')).toBe(true);
  });

  it('sees events 1 to 10', () => {
    expect(live.result.events.notified).toBe(10);
  });

  it('misses none', () => {
    expect(live.result.events.missed).toBe(0);
  });

  it('gets no event twice', () => {
    expect(live.result.events.duplicatesDropped).toBe(0);
  });

  it.each(EVENT_FIELDS)('%s as in sim', (field) => {
    expect(live.result.events[field]).toBe(sim.result.events[field]);
  });

  it.each(COUNT_FIELDS)('%s as in sim', (field) => {
    expect(live.result[field]).toBe(sim.result[field]);
  });
});
