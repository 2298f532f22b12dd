import { setImmediate as nextTurn } from 'node:timers/promises';
import Tinypool from 'tinypool';
import type { SweepTask, SweepTaskOutcome } from './sweep-worker.ts';
import runSweepTask from './sweep-worker.ts';

const WORKER_ENTRY = new URL('./sweep-worker.mjs', import.meta.url);

export interface TaskRunOptions<R> {
  /** Worker threads to start; 0 runs every task in this thread. */
  readonly threads: number;
  /** Turns an outcome into the caller's result, or throws to end the whole run. */
  readonly settle: (outcome: SweepTaskOutcome, index: number) => R;
  /** Called each time a task has settled, with the count settled so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Returns the node options for a worker thread: this process's, without `--import tsx`. A worker
 * resolves that name from the working directory, which is the user's folder when the program
 * runs through `npm --prefix`, and fails there. The worker's entry registers tsx by itself.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const arg = execArgv[index] as string;
    if (arg === '--import' && execArgv[index + 1] === 'tsx') index++;
    else if (arg !== '--import=tsx') kept.push(arg);
  }
  return kept;
}

/**
 * Runs the tasks and returns their results in task order: in this thread when `threads` is 0,
 * else on a pool of worker threads, each task in one thread. The pool is destroyed before this
 * returns, also after a failure, so that no worker thread outlives the sweep.
 */
export async function runTasks<R>(
  tasks: readonly SweepTask[],
  options: TaskRunOptions<R>,
): Promise<R[]> {
  if (options.threads === 0) return runHere(tasks, options);

  const pool = new Tinypool({
    filename: WORKER_ENTRY.href,
    minThreads: options.threads,
    maxThreads: options.threads,
    execArgv: workerExecArgv(process.execArgv),
  });
  let settled = 0;

  try {
    return await Promise.all(
      tasks.map(async (task, index) => {
        const result = options.settle(await pool.run(task), index);
        options.onProgress?.(++settled, tasks.length);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

async function runHere<R>(tasks: readonly SweepTask[], options: TaskRunOptions<R>): Promise<R[]> {
  const results: R[] = [];

  for (const [index, task] of tasks.entries()) {
    results.push(options.settle(await runSweepTask(task), index));
    options.onProgress?.(index + 1, tasks.length);
    // Lets a progress bar draw between points, because a simulation never yields.
    await nextTurn();
  }

  return results;
}
