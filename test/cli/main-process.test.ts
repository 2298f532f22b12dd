import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real program the way `npm run scenario` does, from the repository root. */
function runMain(args: readonly string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    // A FORCE_COLOR in the test's environment would colour the output these tests compare.
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('main program', () => {
  it('prints the bullpen table', () => {
    const child = runMain(['bullpen']);

    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^bullpen: sim run, seed 1, /);
    expect(child.stdout).toMatch(/│ poll +│/);
    expect(child.stdout).toMatch(/│ webhook +│/);
  });

  it('exits 2 on a usage error', () => {
    const child = runMain(['bullpen', '--interval', 'soon']);

    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/^poll-vs-push: --interval must be .*, got 'soon'\n$/);
    expect(child.stderr).not.toContain('    at ');
  });
});
