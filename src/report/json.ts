import type { RunReport } from '../runtime/run.ts';

/** Renders a run as one JSON object, ending with a newline, for machines and pipes. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
