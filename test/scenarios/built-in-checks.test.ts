import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { checkScenario } from '../../src/cli/check-scenario.ts';

describe('built-in scenarios', () => {
  // The checks a custom scenario must pass include that no option of its own takes a flag the
  // CLI uses, such as --spacing of a sweep; a built-in scenario must pass them as well.
  it.each(Object.keys(BUILT_IN_SCENARIOS))('pass the module checks: %s', async (name) => {
    const scenario = await BUILT_IN_SCENARIOS[name]?.();

    expect(() => checkScenario(scenario, name)).not.toThrow();
  });
});
