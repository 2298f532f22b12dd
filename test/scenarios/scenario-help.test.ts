import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { renderHelp } from '../../src/cli/help.ts';
import { flagOf } from '../../src/model/option-values.ts';

describe.each(Object.keys(BUILT_IN_SCENARIOS))('%s help', (name) => {
  const load = async () => {
    const loader = BUILT_IN_SCENARIOS[name];
    if (loader === undefined) throw new Error(`${name} is not registered`);
    return loader();
  };

  it('lists every option', async () => {
    const scenario = await load();
    const help = renderHelp(scenario);

    for (const key of Object.keys(scenario.options ?? {})) expect(help).toContain(flagOf(key));
  });

  it('gives each option a default', async () => {
    const scenario = await load();

    for (const spec of Object.values(scenario.options ?? {})) {
      const documented =
        spec.default !== undefined ||
        spec.required === true ||
        spec.description.includes('(default:');
      expect(documented, spec.description).toBe(true);
    }
  });

  it('sets its own defaults', async () => {
    const scenario = await load();

    expect(scenario.defaults?.interval).toBeDefined();
  });
});
