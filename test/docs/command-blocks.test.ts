import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCommand, type SampleRun } from '../../scripts/doc-samples.ts';
import {
  allCommands,
  commandUse,
  type DocCommand,
  knownBlock,
  SHARED_TRACES,
} from './doc-blocks.ts';

// The simulated runs of the docs' shell blocks show no output, so each runs in this process and
// the test checks its exit code and the form of its output. A command that names a scenario
// module runs docs/custom-scenarios.md's whole scenario from that path, and one that reads a
// trace file the page names only in prose gets a real timeline of that kind.

/** Real timelines beside the repository, by the file name a page gives them in prose. */
const TRACE_FILES: Readonly<Record<string, string>> = {
  'quakes.csv': 'usgs_earthquakes_2023-03-05_2023-04-04.csv',
};

const folder = mkdtempSync(join(tmpdir(), 'pvp-doc-commands-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const wholeScenario = `${knownBlock('whole-scenario').body.join('\n')}\n`;
const tracesUrl = new URL(SHARED_TRACES, ROOT);

interface Simulation {
  readonly command: DocCommand;
  readonly args: string[];
}

const simulations: Simulation[] = allCommands().flatMap((command) => {
  const use = commandUse(command);
  return use.kind === 'scenario' ? [{ command, args: use.args }] : [];
});

/** Returns the trace file a command names with `--file` when it is not in the repository. */
function missingTrace(args: readonly string[]): string | undefined {
  const index = args.indexOf('--file');
  const file = index === -1 ? undefined : args[index + 1];
  return file !== undefined && !existsSync(new URL(file, ROOT)) ? file : undefined;
}

/** Runs a command from a fresh folder with the module or trace file it names. */
async function run(simulation: Simulation, index: number): Promise<SampleRun> {
  const { args } = simulation;
  const scenario = args[0] ?? '';
  const trace = missingTrace(args);
  if (!scenario.startsWith('.') && trace === undefined) return runCommand(args);

  const runFolder = join(folder, `command-${index}`, 'run');
  mkdirSync(runFolder, { recursive: true });
  if (scenario.startsWith('.')) {
    const module = resolve(runFolder, scenario);
    mkdirSync(dirname(module), { recursive: true });
    writeFileSync(module, wholeScenario);
  }
  if (trace !== undefined) {
    const source = TRACE_FILES[trace];
    if (source === undefined) throw new Error(`no real timeline stands for '${trace}'`);
    copyFileSync(fileURLToPath(new URL(source, tracesUrl)), join(runFolder, trace));
  }
  return runCommand(args, runFolder);
}

/** Returns a pattern that the first line of a command's output must match. */
function expectedStart(args: readonly string[]): RegExp {
  if (args.includes('--help')) return /^Usage: npm run scenario -- <scenario> \[options\]$/;
  if (args[0] === 'list') return /^bullpen +\S/;
  if (args.includes('--json')) return /^\{$/;
  if (args.includes('--csv')) return /^(\w+,)*strategy,requests,/;
  if (args.some((arg) => arg.startsWith('--sweep'))) return /^\S+: sim sweep of --\w+/;
  return /^\S+: sim run, seed \d+, /;
}

describe.each(simulations.map((simulation, index) => [index, simulation] as const))(
  'command %i',
  (index, simulation) => {
    const { command, args } = simulation;
    const trace = missingTrace(args);
    const absent = trace !== undefined && !existsSync(tracesUrl);
    const title = `${command.path}:${command.line} ${command.text}`;

    it.skipIf(absent)(
      absent ? `${title}: skipped, ${SHARED_TRACES} is absent` : title,
      async () => {
        const result = await run(simulation, index);

        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout.split('\n')[0]).toMatch(expectedStart(args));
        if (args.includes('--json')) expect(() => JSON.parse(result.stdout)).not.toThrow();
      },
    );
  },
);

describe('command search', () => {
  it('finds the simulated runs', () => {
    expect(simulations.length).toBeGreaterThanOrEqual(10);
  });

  it('drops comments and redirections', () => {
    const command = allCommands().find((candidate) => candidate.redirect === 'bullpen.csv');

    expect(command?.text).toBe('npm run -s scenario -- bullpen --csv');
  });
});
