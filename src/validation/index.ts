import type { TheoryCheck } from './check.ts';
import { runEmptyPollChecks } from './empty-poll-checks.ts';
import { runFixedIntervalChecks } from './fixed-interval-checks.ts';
import { PoissonWorlds } from './poisson-worlds.ts';
import { runRandomIntervalChecks } from './random-interval-checks.ts';
import { runStrategyChecks } from './strategy-checks.ts';
import { runWebhookChecks } from './webhook-checks.ts';

/** Location of docs/validation.md, the file that `npm run validation` writes. */
export const VALIDATION_DOC_URL = new URL('../../docs/validation.md', import.meta.url);

/** Runs every theory check in the order of the validation table, sharing worlds between them. */
export async function runAllChecks(): Promise<TheoryCheck[]> {
  const worlds = new PoissonWorlds();

  return [
    ...(await runFixedIntervalChecks(worlds)),
    ...(await runEmptyPollChecks(worlds)),
    ...(await runRandomIntervalChecks(worlds)),
    ...runWebhookChecks(),
    ...(await runStrategyChecks(worlds)),
  ];
}

export type { TheoryCheck, Tolerance } from './check.ts';
export { passes, relativeError } from './check.ts';
