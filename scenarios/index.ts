import type { Scenario } from '../src/model/scenario.ts';

/** The built-in scenarios by name, each loaded only when it runs. */
export const BUILT_IN_SCENARIOS: Readonly<Record<string, () => Promise<Scenario>>> = {
  bullpen: async () => (await import('./bullpen.ts')).default,
  poisson: async () => (await import('./poisson.ts')).default,
  trace: async () => (await import('./trace.ts')).default,
};
