/**
 * One comparison of a simulated figure with its closed form, shared by the theory tests and by
 * scripts/validation.ts, so the tests and docs/validation.md cannot drift apart.
 */

/** Display format of a figure in the validation table. */
export type FigureUnit = 'ms' | 'share' | 'ratio' | 'count';

/**
 * Allowed distance of the simulated figure from the predicted one, in the figure's own unit.
 * The band may be lopsided, as for a maximum that can fall short of its bound but not pass it.
 */
export interface Tolerance {
  readonly below: number;
  readonly above: number;
  /** Source of the band, such as `4 SE` or `exact`. */
  readonly basis: string;
}

export interface TheoryCheck {
  /** Stable name by which tests look the check up. */
  readonly id: string;
  /** The case and figure, such as `fixed interval: mean delay`. */
  readonly title: string;
  readonly parameters: string;
  readonly formula: string;
  readonly predicted: number;
  readonly simulated: number;
  readonly unit: FigureUnit;
  readonly tolerance: Tolerance;
}

/** Standard errors on each side of a mean that a statistical check allows. */
export const STANDARD_ERRORS_ALLOWED = 4;

/** A band for figures that the model fixes exactly, such as a count of zero requests. */
export const EXACT: Tolerance = Object.freeze({ below: 0, above: 0, basis: 'exact' });

/**
 * Returns a band of `STANDARD_ERRORS_ALLOWED` standard errors each side. Under the normal
 * approximation, four standard errors leave a correct simulator a two-sided chance of about
 * 6 in 100,000 of failing a check, so a failure points at a bug rather than at bad luck.
 */
export function standardErrorBand(standardError: number): Tolerance {
  const margin = STANDARD_ERRORS_ALLOWED * standardError;
  return { below: margin, above: margin, basis: `${STANDARD_ERRORS_ALLOWED} SE` };
}

export function lowerBound(check: TheoryCheck): number {
  return check.predicted - check.tolerance.below;
}

export function upperBound(check: TheoryCheck): number {
  return check.predicted + check.tolerance.above;
}

/** Returns whether the simulated figure lies inside the check's band, bounds included. */
export function passes(check: TheoryCheck): boolean {
  return check.simulated >= lowerBound(check) && check.simulated <= upperBound(check);
}

/**
 * Returns (simulated − predicted) / |predicted|. A prediction of zero has no relative scale,
 * so it returns 0 when the simulated figure is also zero and `NaN` otherwise.
 */
export function relativeError(check: TheoryCheck): number {
  if (check.predicted === 0) return check.simulated === 0 ? 0 : Number.NaN;
  return (check.simulated - check.predicted) / Math.abs(check.predicted);
}

/** Returns the check named `id`. Throws when there is none, so a renamed check fails loudly. */
export function findCheck(checks: readonly TheoryCheck[], id: string): TheoryCheck {
  const check = checks.find((candidate) => candidate.id === id);
  if (check === undefined) throw new Error(`no theory check is named '${id}'`);
  return check;
}
