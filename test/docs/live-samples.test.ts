import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/doc-samples.ts';
import { allCommands, allSamples, commandUse, sampleUse } from './doc-blocks.ts';

// Live runs, --compare and --load use real timers and sockets on 127.0.0.1, so their figures
// change from run to run. Each documented command runs once, in a process of its own as npm
// would start it. All of them run at the same time, because each spends most of its real time
// waiting for its scenario clock, so together they take about as long as the slowest alone.

/** The maximum time a command may take; each stops by itself well before that. */
const COMMAND_TIMEOUT_MS = 120_000;

interface LiveCommand {
  readonly args: readonly string[];
  /** Where the docs show it: page and line. */
  readonly places: string[];
  /** The outputs the docs show for it, by place. */
  readonly shown: Map<string, string>;
}

interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Collects every live command of the docs once, with the outputs shown for it. */
function liveCommands(): LiveCommand[] {
  const commands = new Map<string, LiveCommand>();
  const entry = (args: readonly string[]): LiveCommand => {
    const key = args.join('\u0000');
    const command = commands.get(key) ?? { args, places: [], shown: new Map() };
    commands.set(key, command);
    return command;
  };

  for (const sample of allSamples().filter((candidate) => sampleUse(candidate) === 'live-shape')) {
    const command = entry(sample.args);
    const place = `${sample.path}:${sample.line}`;
    command.places.push(place);
    command.shown.set(place, sample.output);
  }
  for (const command of allCommands()) {
    const use = commandUse(command);
    if (use.kind === 'live-scenario')
      entry(use.args).places.push(`${command.path}:${command.line}`);
  }

  return [...commands.values()];
}

/** Returns the program and arguments that `npm run scenario` starts, from package.json. */
function scenarioScript(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [program, ...args] = (manifest.scripts.scenario ?? '').split(' ');
  return [program === 'node' ? process.execPath : (program ?? ''), ...args];
}

/** Runs the CLI in a child process from the repository root, as `npm run` does. */
function runProcess(args: readonly string[]): Promise<ProcessRun> {
  const [program = '', ...scriptArgs] = scenarioScript();
  const env = { ...process.env };
  delete env.INIT_CWD;

  return new Promise((resolve, reject) => {
    const child = spawn(program, [...scriptArgs, ...args], {
      cwd: fileURLToPath(ROOT),
      env,
      timeout: COMMAND_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What stays the same from one live run to the next. */
interface Shape {
  /** The first line, with every number masked as `#`. */
  readonly firstLine: string;
  /** The header row of each table, with runs of spaces made one. */
  readonly headers: string[];
  /** For each row of each table, its cells before the first that contains a digit. */
  readonly rowNames: string[];
}

/** Returns the shape of a report whose tables are drawn with box characters. */
function shapeOf(output: string): Shape {
  const lines = output.split('\n');
  const headers: string[] = [];
  const rowNames: string[] = [];

  lines.forEach((line, index) => {
    if (!line.startsWith('│')) return;
    const cells = line
      .split('│')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (lines[index - 1]?.startsWith('┌') === true) {
      headers.push(cells.join(' | '));
      return;
    }
    const firstFigure = cells.findIndex((cell) => /\d/.test(cell));
    rowNames.push(cells.slice(0, firstFigure === -1 ? cells.length : firstFigure).join(' | '));
  });

  const firstLine = (lines[0] ?? '').replace(/\d+(?:[.,]\d+)*/g, '#');
  return { firstLine, headers, rowNames };
}

const commands = liveCommands();
const runs = new Map<LiveCommand, ProcessRun>();

beforeAll(async () => {
  const results = await Promise.all(commands.map((command) => runProcess(command.args)));
  commands.forEach((command, index) => {
    const result = results[index];
    if (result !== undefined) runs.set(command, result);
  });
}, COMMAND_TIMEOUT_MS + 10_000);

describe.each(commands.map((command) => [command.args.join(' '), command] as const))(
  'live command %s',
  (_, command) => {
    it('writes nothing on stderr', () => {
      expect(runs.get(command)?.stderr).toBe('');
    });

    it('exits with 0', () => {
      expect(runs.get(command)?.code).toBe(0);
    });

    for (const [place, shown] of command.shown) {
      const expected = shapeOf(shown);

      it(`starts as ${place} shows`, () => {
        expect(shapeOf(runs.get(command)?.stdout ?? '').firstLine).toBe(expected.firstLine);
      });

      it(`has the table headers of ${place}`, () => {
        expect(shapeOf(runs.get(command)?.stdout ?? '').headers).toEqual(expected.headers);
      });

      it(`has the rows of ${place}`, () => {
        expect(shapeOf(runs.get(command)?.stdout ?? '').rowNames).toEqual(expected.rowNames);
      });
    }
  },
);

describe('live output shape', () => {
  const table = [
    'bullpen: live run, seed 1, 45 events, time scale 2200',
    '┌──────────┬──────────┐',
    '│ strategy │ requests │',
    '├──────────┼──────────┤',
    '│ poll     │      915 │',
    '├──────────┼──────────┤',
    '│          │ live - sim │       0 │',
    '└──────────┴──────────┘',
  ].join('\n');

  it('masks the figures of the first line', () => {
    expect(shapeOf(table).firstLine).toBe('bullpen: live run, seed #, # events, time scale #');
  });

  it('reads the table header', () => {
    expect(shapeOf(table).headers).toEqual(['strategy | requests']);
  });

  it('names rows by their leading text', () => {
    expect(shapeOf(table).rowNames).toEqual(['poll', ' | live - sim']);
  });

  it('finds the commands of the docs', () => {
    expect(commands.length).toBeGreaterThanOrEqual(4);
  });
});
