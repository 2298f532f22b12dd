import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import { buildScenarioWorld, payloadField } from './scenario-worlds.ts';

const GAMES = 2_000;
const CHANGES = 3;
const SECOND = 0.25;

describe('bullpen second relievers', () => {
  const world = buildScenarioWorld(bullpen, {
    scenarioOptions: { games: String(GAMES), changes: String(CHANGES), second: String(SECOND) },
  });

  it('match the --second share', async () => {
    const seconds = (await world).log.events.filter((event) => payloadField(event, 'second'));
    const changes = GAMES * CHANGES;
    const standardError = Math.sqrt((SECOND * (1 - SECOND)) / changes);

    expect(Math.abs(seconds.length / changes - SECOND)).toBeLessThan(4 * standardError);
  });

  it('are called as the first enters', async () => {
    const events = (await world).log.events;
    const change = (event: (typeof events)[number]) =>
      `${event.key}/${payloadField(event, 'change')}`;
    const firstReady = new Map(
      events
        .filter((event) => payloadField(event, 'second') === undefined)
        .map((event) => [change(event), event.time]),
    );

    for (const event of events.filter((candidate) => payloadField(candidate, 'second'))) {
      // `calledAt` is an ISO 8601 time, which keeps whole milliseconds only.
      const calledAt = Date.parse(String(payloadField(event, 'calledAt')));
      const ready = firstReady.get(change(event)) ?? Number.NaN;
      expect(Math.abs(calledAt - ready), change(event)).toBeLessThan(1);
    }
  });

  it('stay inside the window', async () => {
    const { log, windowEnd } = await world;

    expect(log.events.at(-1)?.time).toBeLessThanOrEqual(windowEnd);
  });

  it('leave other changes unmoved', async () => {
    const without = await buildScenarioWorld(bullpen, { scenarioOptions: { games: '200' } });
    const withSeconds = await buildScenarioWorld(bullpen, {
      scenarioOptions: { games: '200', second: '0.5' },
    });
    const moved = new Set(
      withSeconds.log.events
        .filter((event) => payloadField(event, 'second'))
        .map((event) => `${event.key}/${payloadField(event, 'change')}`),
    );
    const times = (events: typeof without.log.events) =>
      events
        .filter((event) => !moved.has(`${event.key}/${payloadField(event, 'change')}`))
        .map((event) => event.time);

    expect(times(withSeconds.log.events)).toEqual(times(without.log.events));
  });

  it('are off by default', async () => {
    const defaults = await buildScenarioWorld(bullpen);

    expect(defaults.log.size).toBe(15 * 3);
  });
});
