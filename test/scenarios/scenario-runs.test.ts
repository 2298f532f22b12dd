import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { renderJson } from '../../src/report/json.ts';
import { runScenario } from '../../src/runtime/run.ts';

/** The scenarios that draw their own events; the trace replays need a file. */
const GENERATED = [
  'bullpen',
  'email-events',
  'file-sync',
  'inbound-email',
  'poisson',
  'sms',
  'weather-alerts',
];

describe.each(GENERATED)('%s scenario', (name) => {
  const load = async () => {
    const loader = BUILT_IN_SCENARIOS[name];
    if (loader === undefined) throw new Error(`${name} is not registered`);
    return loader();
  };

  it('runs with its defaults', async () => {
    const report = await runScenario(await load(), { seed: '3' });

    expect(report.world.events).toBeGreaterThan(0);
    for (const result of report.results) expect(result.events.missed).toBe(0);
  });

  it('repeats for the same seed', async () => {
    const scenario = await load();
    const first = renderJson(await runScenario(scenario, { seed: '3' }));
    const second = renderJson(await runScenario(scenario, { seed: '3' }));

    expect(second).toBe(first);
  });

  it('differs for another seed', async () => {
    const scenario = await load();
    const first = renderJson(await runScenario(scenario, { seed: '3' }));
    const second = renderJson(await runScenario(scenario, { seed: '4' }));

    expect(second).not.toBe(first);
  });
});
