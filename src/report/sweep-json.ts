import type { SweepReport } from '../runtime/sweep.ts';

/**
 * Renders a sweep as one JSON object, ending with a newline: the settings its points share,
 * what it varied, and one entry per point with that point's full results.
 */
export function renderSweepJson(report: SweepReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
