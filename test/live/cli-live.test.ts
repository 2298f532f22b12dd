import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { closedPort } from './helpers/servers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Real ms the program may take to start, with tsx compiling it, on a busy machine. */
const START_TIMEOUT_MS = 20_000;

/** Real ms a stopped run may take to print its report and exit. */
const STOP_TIMEOUT_MS = 10_000;

/** Real ms of the run before Ctrl-C, once the producer listens. */
const RUN_BEFORE_STOP_MS = 1_000;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface MainProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

/**
 * Starts the real program from the repository root in a process group of its own, as a shell
 * does, so that a signal can go to the whole group as Ctrl-C in a terminal sends it. The group
 * is killed when the test ends, in case the program is still running.
 */
function startMain(args: readonly string[]): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    // A FORCE_COLOR in the test's environment would colour the output these tests compare.
    env: { ...process.env, NO_COLOR: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  onTestFinished(() => killGroup(child));

  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Resolves with `promise`, or rejects once `ms` pass with an error that names `awaited`. */
async function within<T>(promise: Promise<T>, ms: number, awaited: string): Promise<T> {
  const abort = new AbortController();
  const timeout = delay(ms, undefined, { signal: abort.signal }).then(() => {
    throw new Error(`timed out after ${ms} ms waiting for ${awaited}`);
  });

  try {
    return await Promise.race([promise, timeout]);
  } finally {
    abort.abort();
    timeout.catch(() => {});
  }
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`. */
async function waitForListener(port: number): Promise<void> {
  for (;;) {
    if (await accepts(port)) return;
    await delay(50);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('live mode from the command line', () => {
  it('prints bytes and CPU', async () => {
    const main = startMain([
      'bullpen',
      '--mode',
      'live',
      '--games',
      '2',
      '--duration',
      '30m',
      '--time-scale',
      '3000',
    ]);
    const exit = await within(main.exited, START_TIMEOUT_MS, 'the live run ending');

    expect(exit.code, main.stderr()).toBe(0);
    expect(main.stdout()).toMatch(/^bullpen: live run, seed 1, /);
    expect(main.stdout()).toMatch(/│ +bytes │/);
    expect(main.stdout()).toMatch(/│[^│\n]*CPU │/);
    expect(main.stdout()).toMatch(/│ poll +│/);
    expect(main.stdout()).toMatch(/│ webhook +│/);
  }, 30_000);

  it('stops on Ctrl-C with 130', async () => {
    const port = await closedPort();
    const main = startMain([
      'bullpen',
      '--mode',
      'live',
      '--games',
      '2',
      '--duration',
      '3h',
      '--time-scale',
      '600',
      '--producer-port',
      String(port),
    ]);

    // Once the producer listens, the program has set its SIGINT handler and started a run
    // that would take about 40 real seconds.
    await within(waitForListener(port), START_TIMEOUT_MS, 'the producer listening');
    await delay(RUN_BEFORE_STOP_MS);
    process.kill(-(main.child.pid as number), 'SIGINT');
    const exit = await within(main.exited, STOP_TIMEOUT_MS, 'the exit after Ctrl-C');

    expect(exit.code, main.stderr()).toBe(130);
    expect(main.stdout()).toContain('Stopped before the end');
    expect(main.stderr()).toContain('stopping');
    expect(main.stderr()).not.toContain('    at ');
  }, 40_000);
});
