import { loadScenario } from '../cli/load-scenario.ts';
import type { ErrorCode } from '../errors.ts';
import { isPollVsPushError } from '../errors.ts';
import type { RunReport } from './run.ts';
import { runScenario } from './run.ts';
import type { RunInput } from './settings.ts';

/** One point of a sweep: a plain run of a scenario, which a worker thread loads by itself. */
export interface SweepTask {
  /** The scenario as `loadScenario` takes it: a built-in name or a module path. */
  readonly scenario: string;
  /** The run's settings; a signal cannot cross to a worker thread, so it has none. */
  readonly input: Omit<RunInput, 'signal'>;
}

/**
 * The outcome of a task. An error meant for the user comes back as data, because an error
 * object that crosses threads loses its class and its code.
 */
export type SweepTaskOutcome =
  | { readonly ok: true; readonly report: RunReport }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** Runs one point of a sweep. Tinypool calls this default export in each worker thread. */
export default async function runSweepTask(task: SweepTask): Promise<SweepTaskOutcome> {
  try {
    const scenario = await loadScenario(task.scenario);
    return { ok: true, report: await runScenario(scenario, task.input) };
  } catch (error: unknown) {
    if (!isPollVsPushError(error)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}
