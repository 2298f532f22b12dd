import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import { renderTimeline } from '../../src/report/timeline.ts';
import { runScenario } from '../../src/runtime/run.ts';

const input = (seed: string) => ({
  seed,
  duration: '1h',
  consumers: '2',
  timeline: true,
  scenarioOptions: { games: '2', changes: '2' },
});

describe('timeline determinism', () => {
  it('repeats with the same seed', async () => {
    const first = renderTimeline(await runScenario(bullpen, input('7')));
    const second = renderTimeline(await runScenario(bullpen, input('7')));

    expect(second).toBe(first);
  });

  it('changes with another seed', async () => {
    const first = renderTimeline(await runScenario(bullpen, input('7')));
    const other = renderTimeline(await runScenario(bullpen, input('8')));

    expect(other).not.toBe(first);
  });

  it('is absent unless requested', async () => {
    const report = await runScenario(bullpen, { ...input('7'), timeline: false });

    expect(report.timeline).toBeUndefined();
  });
});
