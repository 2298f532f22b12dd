import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/runtime/sweep-pool.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a sweep on two worker threads in the real program, as `npm run scenario` does. The
 * timeout only keeps a hung process from stalling the suite, and such a run would end with a
 * signal instead of a status.
 */
function runSweepProcess(extra: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const args = ['poisson', '--duration', '2h', '--sweep', 'interval=1m..10m', '--steps', '3'];
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, '--threads', '2', ...extra],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

describe('sweep in the main program', () => {
  const child = runSweepProcess([]);

  it('exits by itself', () => {
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
  });

  it('prints the table', () => {
    expect(child.stdout).toMatch(/^poisson: sim sweep of --interval from 1m to 10m, /);
  });

  it('draws no bar on a pipe', () => {
    expect(child.stderr).toBe('');
  });
});

describe('sweep from another folder', () => {
  // npm sets INIT_CWD to the folder it was started in, and the program moves there, as with
  // `npm --prefix`. The worker threads must still find the TypeScript loader from there.
  const child = runSweepProcess([], { INIT_CWD: tmpdir() });

  it('exits by itself', () => {
    expect(child.status).toBe(0);
  });

  it('prints the table', () => {
    expect(child.stdout).toMatch(/^poisson: sim sweep of --interval from 1m to 10m, /);
  });
});

describe('worker options', () => {
  it('drop the tsx import', () => {
    const argv = ['--import', 'tsx', '--import=tsx', '--max-old-space-size=512'];

    expect(workerExecArgv(argv)).toEqual(['--max-old-space-size=512']);
  });

  it('keep other imports', () => {
    expect(workerExecArgv(['--import', './hook.mjs'])).toEqual(['--import', './hook.mjs']);
  });
});
