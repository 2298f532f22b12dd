import { expect } from 'vitest';
import type { TheoryCheck } from '../../src/validation/check.ts';
import { lowerBound, upperBound } from '../../src/validation/check.ts';

/**
 * Time allowed for the simulations of one test file. Each file's runs take one to two seconds
 * alone, and the margin covers a loaded machine running every test file in parallel.
 */
export const SIMULATION_TIMEOUT_MS = 60_000;

/** Asserts that the simulated figure lies inside the check's band, one assert per side. */
export function expectWithinTolerance(check: TheoryCheck): void {
  expect(check.simulated, `${check.id}: simulated below the band`).toBeGreaterThanOrEqual(
    lowerBound(check),
  );
  expect(check.simulated, `${check.id}: simulated above the band`).toBeLessThanOrEqual(
    upperBound(check),
  );
}
