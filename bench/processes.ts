import { Bench } from 'tinybench';
import { describeWorkload } from './engine.ts';
import type { Figure } from './figures.ts';
import { secondsFigure, summaryFigure } from './figures.ts';
import type { LargeRunOutput } from './hundred-thousand.ts';
import type { Profile } from './profiles.ts';
import { runCommand, runTypeScript } from './spawn.ts';

/** Figures of the many-consumer run, each timed in its own child process. */
export interface LargeRunFigures {
  /** Wall time of the whole child process: node start-up, tsx, world build and run. */
  readonly wall: Figure;
  /** Time of `simulate()` alone, as the child measured it. */
  readonly run: Figure;
  readonly rate: Figure;
  readonly maxRss: Figure;
}

/** Wall times of the bullpen scenario from the command line. */
export interface CliFigures {
  readonly node: Figure;
  readonly npm: Figure;
}

/**
 * Runs bench/hundred-thousand.ts in a fresh process per sample. There is no warm-up call: a
 * warm-up cannot carry over to a new process, and each call takes seconds.
 */
export async function benchLargeRun(profile: Profile): Promise<LargeRunFigures> {
  const { consumers, durationMs } = profile.large;
  const args = [String(consumers), String(durationMs / 1000)];
  const outputs: LargeRunOutput[] = [];

  const bench = new Bench({
    name: 'large run',
    time: 0,
    iterations: profile.largeSamples,
    warmup: false,
    throws: true,
  });
  bench.add(
    'large',
    async () => {
      const stdout = await runTypeScript('bench/hundred-thousand.ts', args);
      outputs.push(JSON.parse(stdout) as LargeRunOutput);
    },
    { async: true },
  );
  await bench.run();

  return largeRunFigures(bench, profile, outputs);
}

function largeRunFigures(
  bench: Bench,
  profile: Profile,
  outputs: readonly LargeRunOutput[],
): LargeRunFigures {
  const size = `sim poll: ${describeWorkload(profile.large)}`;
  const polls = outputs.map((output) => output.polls);
  const rates = outputs.map((output) => (output.polls * 1000) / output.runMs);

  return {
    wall: secondsFigure(`${size}, process wall time`, bench.tasks[0]!),
    run: summaryFigure(
      `${size}, simulate() time`,
      's',
      'smaller',
      outputs.map((output) => output.runMs / 1000),
    ),
    rate: { ...summaryFigure(size, 'events/s', 'bigger', rates), note: pollNote(polls) },
    maxRss: summaryFigure(
      `${size}, peak RSS`,
      'MB',
      'smaller',
      outputs.map((output) => output.maxRssKb / 1024),
    ),
  };
}

function pollNote(polls: readonly number[]): string {
  return `${(polls[0] ?? 0).toLocaleString('en-US')} polls per run, timed inside the child`;
}

/**
 * Times the bullpen scenario from the command line: straight through node, as the npm script
 * runs it, after one warm-up run that fills the file cache, and then through npm itself.
 */
export async function benchCli(profile: Profile): Promise<CliFigures> {
  const direct = new Bench({
    name: 'bullpen via node',
    time: 0,
    iterations: profile.cliSamples,
    warmupTime: 0,
    warmupIterations: 1,
    throws: true,
  });
  direct.add(
    'node',
    async () => {
      await runTypeScript('src/cli/main.ts', ['bullpen']);
    },
    { async: true },
  );
  await direct.run();

  const npm = new Bench({
    name: 'bullpen via npm',
    time: 0,
    iterations: profile.npmSamples,
    warmup: false,
    throws: true,
  });
  npm.add(
    'npm',
    async () => {
      await runCommand('npm', ['run', '-s', 'scenario', 'bullpen']);
    },
    { async: true },
  );
  await npm.run();

  return {
    node: secondsFigure('bullpen: node --import tsx src/cli/main.ts bullpen', direct.tasks[0]!),
    npm: secondsFigure('bullpen: npm run -s scenario bullpen', npm.tasks[0]!),
  };
}
