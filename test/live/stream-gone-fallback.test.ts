import { beforeAll, describe, expect, it } from 'vitest';
import type { StreamRun } from './helpers/stream-runs.ts';
import { runDropsLive, simulateDrops } from './helpers/stream-runs.ts';

const EVENT_FIELDS = ['notified', 'missed', 'duplicates', 'duplicatesDropped'] as const;

/**
 * With no replay, each reconnect after a drop comes after the next event, so the producer
 * rejects it as `gone`. The client then polls from its last id and opens the stream again.
 * Live timers run late, by up to about 20 real ms on a busy machine, which is a whole second of
 * scenario time here. A reconnect that lands after the next event is then gone once more, so
 * the tests check the connects that timing cannot change, and compare with the simulator only
 * the figures that do not depend on it.
 */
describe.each(['sse', 'websocket'])('%s live without replay', (strategy) => {
  let live: Awaited<ReturnType<typeof runDropsLive>>;
  let sim: StreamRun;

  beforeAll(async () => {
    live = await runDropsLive(strategy, 0);
    sim = simulateDrops(strategy, 0);
  }, 20_000);

  const goneIds = () =>
    live.connects.filter((connect) => connect.state === 'gone').map((connect) => connect.lastSeq);
  const connectsText = () => `connects: ${JSON.stringify(live.connects)}`;

  it('runs to the end', () => {
    expect(live.live.completed).toBe(true);
  });

  it('is gone after the first drop', () => {
    expect(goneIds()[0], connectsText()).toBe(4);
  });

  it('is gone after the second drop', () => {
    expect(goneIds(), connectsText()).toContain(7);
  });

  it('polls once per gone', () => {
    expect(live.polls).toBe(goneIds().length);
  });

  it('ends with an open stream', () => {
    expect(live.connects.at(-1)?.state).toBe('open');
  });

  it('sees events 1 to 10', () => {
    expect(live.result.events.notified).toBe(10);
  });

  it('misses none', () => {
    expect(live.result.events.missed).toBe(0);
  });

  it.each(EVENT_FIELDS)('%s as in sim', (field) => {
    expect(live.result.events[field]).toBe(sim.result.events[field]);
  });

  it('resets as in sim', () => {
    expect(live.result.resets).toBe(sim.result.resets);
  });
});
