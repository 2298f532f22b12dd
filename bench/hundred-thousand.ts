/**
 * Runs one large polling simulation and prints its figures as one JSON line. The benchmark runs
 * this file in a child process so that the peak resident memory it reads belongs to this run
 * alone. Usage: node --import tsx bench/hundred-thousand.ts [consumers] [seconds]; the defaults
 * are 100,000 consumers polling every second for 100 s.
 */
import { FULL } from './profiles.ts';
import type { PollWorkload } from './world.ts';
import { buildPollWorld, simulatePolling } from './world.ts';

/** The figures the child prints as one JSON line, for the parent to parse. */
export interface LargeRunOutput {
  readonly consumers: number;
  readonly polls: number;
  /** Time to build the world (event stream and consumer list), in ms. */
  readonly buildMs: number;
  /** Time of `simulate()` alone, in ms. */
  readonly runMs: number;
  /** Peak resident set size of this process, in KB, from `process.resourceUsage()`. */
  readonly maxRssKb: number;
}

function readCount(text: string | undefined, fallback: number, label: string): number {
  if (text === undefined) return fallback;

  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`hundred-thousand: ${label} must be a positive integer, got '${text}'\n`);
    process.exit(2);
  }
  return value;
}

function main(): void {
  const defaults = FULL.large;
  const workload: PollWorkload = {
    ...defaults,
    consumers: readCount(process.argv[2], defaults.consumers, 'consumers'),
    durationMs: readCount(process.argv[3], defaults.durationMs / 1000, 'seconds') * 1000,
  };

  const buildStart = performance.now();
  const world = buildPollWorld(workload);
  const runStart = performance.now();
  const result = simulatePolling(world, workload);
  const runEnd = performance.now();

  const output: LargeRunOutput = {
    consumers: workload.consumers,
    polls: result.requests,
    buildMs: runStart - buildStart,
    runMs: runEnd - runStart,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main();
