import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { checkScenario } from '../../src/cli/check-scenario.ts';

describe('built-in scenarios', () => {
  // A custom scenario's options must not take a flag the CLI uses, such as a sweep's --spacing.
  // A built-in scenario must pass the same checks.
  it.each(Object.keys(BUILT_IN_SCENARIOS))('pass the module checks: %s', async (name) => {
    const scenario = await BUILT_IN_SCENARIOS[name]?.();

    expect(() => checkScenario(scenario, name)).not.toThrow();
  });
});
