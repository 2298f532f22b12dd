import { readInteger } from '../model/option-values.ts';
import type { Prices } from '../model/prices.ts';
import type { Scenario } from '../model/scenario.ts';
import type { OutputFormat } from '../report/reporters.ts';
import { SWEEP_REPORTERS } from '../report/reporters.ts';
import { priceSweep } from '../report/sweep-cost.ts';
import { renderSweepTable } from '../report/sweep-table.ts';
import type { RunInput } from '../runtime/settings.ts';
import type { SweepReport } from '../runtime/sweep.ts';
import { runSweep } from '../runtime/sweep.ts';
import { planSweep } from '../runtime/sweep-points.ts';
import { styleFor } from './colour.ts';
import type { SweepProgress } from './sweep-progress.ts';
import { createSweepProgress } from './sweep-progress.ts';

/** The sweep options as the command line gives them. */
export interface SweepValues {
  readonly sweep: string;
  readonly steps?: string;
  readonly spacing?: string;
  readonly threads?: string;
}

/** The streams a sweep writes to; `terminal` is set only when stderr is a terminal. */
export interface SweepOutput {
  stdout(text: string): void;
  readonly terminal?: NodeJS.WriteStream;
  /** Whether `stdout` takes colour. Only the table format uses it. */
  readonly colour?: boolean;
}

/** Far more threads than cores only adds memory; a sweep also never uses more than its points. */
const MAX_THREADS = 256;

/**
 * Runs `--sweep`, prints its report in `format` and returns it, costed at `prices` when given.
 * A progress bar shows on the terminal while the points run, except with `--json`, whose output
 * is meant for machines.
 */
export async function runSweepCommand(
  scenarioRef: string,
  scenario: Scenario,
  input: RunInput,
  values: SweepValues,
  format: OutputFormat,
  output: SweepOutput,
  prices?: Prices,
): Promise<SweepReport> {
  const plan = planSweep(scenario, values);
  const threads =
    values.threads === undefined
      ? undefined
      : readInteger('--threads', values.threads, 0, MAX_THREADS);

  let progress: SweepProgress | undefined;
  if (output.terminal !== undefined && format !== 'json') {
    progress = createSweepProgress(output.terminal, plan.param.flag, plan.points.length);
  }

  let plain: SweepReport;
  try {
    plain = await runSweep(scenarioRef, scenario, input, plan, {
      threads,
      onProgress: progress?.update,
    });
  } finally {
    // The bar goes before the report, which would otherwise print after it on its line.
    progress?.stop();
  }

  const report = prices === undefined ? plain : priceSweep(plain, prices);

  const text =
    format === 'table'
      ? renderSweepTable(report, styleFor(format, output.colour))
      : SWEEP_REPORTERS[format](report);
  output.stdout(text);
  return report;
}
