import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a sweep on two worker threads in the real program, as `npm run scenario` does. The
 * timeout only keeps a hung process from stalling the suite, and such a run would end with a
 * signal instead of a status.
 */
function runSweepProcess(extra: readonly string[]) {
  const args = ['poisson', '--duration', '2h', '--sweep', 'interval=1m..10m', '--steps', '3'];
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, '--threads', '2', ...extra],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
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
