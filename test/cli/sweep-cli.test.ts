import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import type { SweepReport } from '../../src/runtime/sweep.ts';
import { runCommand } from './cli-harness.ts';

/** A sweep of poisson over two hours: quick enough to run in this thread many times. */
const SWEEP = ['poisson', '--duration', '2h', '--sweep', 'interval=1m..10m', '--steps', '3'];
const IN_THREAD = [...SWEEP, '--threads', '0'];

/** Creates a stream that reports itself as a terminal and keeps what is written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  Object.assign(stream, { isTTY: true, columns: 100 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

async function runOnTerminal(argv: readonly string[]) {
  const terminal = fakeTerminal();
  let stderr = '';
  const code = await runCli(argv, {
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
    terminal: terminal.stream,
  });
  return { code, stderr, drawn: terminal.text() };
}

describe('sweep output', () => {
  it('prints the sweep table', async () => {
    const run = await runCommand(IN_THREAD);

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'poisson: sim sweep of --interval from 1m to 10m, 3 points with linear spacing, seed 1',
    );
  });

  it('prints one JSON object', async () => {
    const run = await runCommand([...IN_THREAD, '--json']);
    const report = JSON.parse(run.stdout) as SweepReport;

    expect(report.points.map((point) => point.value)).toEqual(['1m', '5.5m', '10m']);
    expect(report.points[0]?.results.map((result) => result.strategy)).toEqual(['poll', 'webhook']);
  });

  it('prints CSV rows', async () => {
    const run = await runCommand([...IN_THREAD, '--csv']);
    const lines = run.stdout.trimEnd().split('\n');

    expect(lines[0]?.startsWith('interval,interval_ms,strategy,requests,')).toBe(true);
    expect(lines).toHaveLength(7);
  });

  it('prints Markdown rows', async () => {
    const run = await runCommand([...IN_THREAD, '--markdown']);

    expect(run.stdout).toContain('\n| 5.5m | poll | ');
  });

  it('sweeps on worker threads', async () => {
    const inThread = await runCommand([...IN_THREAD, '--json']);
    const onWorkers = await runCommand([...SWEEP, '--threads', '2', '--json']);

    expect(onWorkers.stdout).toBe(inThread.stdout);
  });

  it('stays silent without a terminal', async () => {
    const run = await runCommand(IN_THREAD);

    expect(run.stderr).toBe('');
  });
});

describe('sweep progress bar', () => {
  it('draws on a terminal', async () => {
    const run = await runOnTerminal(IN_THREAD);

    expect(run.drawn).toContain('sweeping --interval [');
  });

  it('stays off stderr text', async () => {
    const run = await runOnTerminal(IN_THREAD);

    expect(run.stderr).toBe('');
  });

  it('stays silent with --json', async () => {
    const run = await runOnTerminal([...IN_THREAD, '--json']);

    expect(run.drawn).toBe('');
  });
});

describe('plain run formats', () => {
  it('prints CSV rows', async () => {
    const run = await runCommand(['bullpen', '--csv']);
    const lines = run.stdout.trimEnd().split('\n');

    expect(lines.map((line) => line.split(',')[0])).toEqual(['strategy', 'poll', 'webhook']);
  });

  it('prints a Markdown table', async () => {
    const run = await runCommand(['bullpen', '--markdown']);

    expect(run.stdout).toContain('\n| poll | 915 | 874 (95.5%) | 0 |');
  });
});
