import type { Random } from './random.ts';

/** Closed range that a truncated distribution keeps its draws inside. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * A distribution of non-negative quantities such as delays and intervals. Parameters are in the
 * quantity's own unit; log-normal takes the mean and standard deviation of the values
 * themselves, not of their logarithm.
 */
export type Distribution = (
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'lognormal'; readonly mean: number; readonly sd: number }
) & { readonly range?: Range };

/** How many draws truncation tries before it clamps; see `sample`. */
const MAX_REJECTIONS = 1000;

export function constant(value: number): Distribution {
  return { kind: 'constant', value };
}

/**
 * Draws one value. A truncated distribution redraws until the value falls inside its range.
 * NOTE: after 1,000 draws outside a range that contains almost no probability, the last draw is
 * clamped to the range, so such a range yields values piled on its edges.
 */
export function sample(distribution: Distribution, random: Random): number {
  const range = distribution.range;
  if (range === undefined) return sampleRaw(distribution, random);

  let value = 0;
  for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
    value = sampleRaw(distribution, random);
    if (value >= range.min && value <= range.max) return value;
  }

  return Math.min(range.max, Math.max(range.min, value));
}

function sampleRaw(distribution: Distribution, random: Random): number {
  switch (distribution.kind) {
    case 'constant':
      return distribution.value;
    case 'uniform':
      return distribution.min + (distribution.max - distribution.min) * random.next();
    case 'exponential':
      return -distribution.mean * Math.log(1 - random.next());
    case 'normal':
      return distribution.mean + distribution.sd * standardNormal(random);
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(distribution.mean, distribution.sd);
      return Math.exp(mu + sigma * standardNormal(random));
    }
  }
}

/** Draws from N(0, 1) by the Box-Muller transform, using two uniforms per draw. */
function standardNormal(random: Random): number {
  const u1 = 1 - random.next();
  const u2 = random.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Converts the mean and standard deviation of log-normal values to mu and sigma of the logs. */
export function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
  const variance = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - variance / 2, sigma: Math.sqrt(variance) };
}

/**
 * Returns E[X] and E[X²] of an untruncated distribution, for comparing runs with theory.
 * A truncated distribution returns `undefined`, because its moments have no simple closed form.
 */
export function moments(
  distribution: Distribution,
): { mean: number; meanSquare: number } | undefined {
  if (distribution.range !== undefined) return undefined;

  switch (distribution.kind) {
    case 'constant':
      return { mean: distribution.value, meanSquare: distribution.value ** 2 };
    case 'uniform': {
      const { min, max } = distribution;
      return { mean: (min + max) / 2, meanSquare: (min * min + min * max + max * max) / 3 };
    }
    case 'exponential':
      return { mean: distribution.mean, meanSquare: 2 * distribution.mean ** 2 };
    case 'normal':
    case 'lognormal':
      return { mean: distribution.mean, meanSquare: distribution.sd ** 2 + distribution.mean ** 2 };
  }
}

/** Returns the largest value a distribution can draw, or `Infinity` when it has no bound. */
export function upperBound(distribution: Distribution): number {
  if (distribution.range !== undefined) return distribution.range.max;
  if (distribution.kind === 'constant') return distribution.value;
  if (distribution.kind === 'uniform') return distribution.max;
  return Number.POSITIVE_INFINITY;
}
