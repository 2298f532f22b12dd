import type { Scenario } from '../src/model/scenario.ts';

/** The built-in scenarios by name, each loaded only when it runs. */
export const BUILT_IN_SCENARIOS: Readonly<Record<string, () => Promise<Scenario>>> = {
  bullpen: async () => (await import('./bullpen.ts')).default,
  earthquakes: async () => (await import('./earthquakes.ts')).default,
  'email-events': async () => (await import('./email-events.ts')).default,
  'file-sync': async () => (await import('./file-sync.ts')).default,
  'inbound-email': async () => (await import('./inbound-email.ts')).default,
  poisson: async () => (await import('./poisson.ts')).default,
  releases: async () => (await import('./releases.ts')).default,
  'repo-merges': async () => (await import('./repo-merges.ts')).default,
  sms: async () => (await import('./sms.ts')).default,
  trace: async () => (await import('./trace.ts')).default,
  'weather-alerts': async () => (await import('./weather-alerts.ts')).default,
};
