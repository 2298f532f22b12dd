import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { styleFor, useColour } from '../../src/cli/colour.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { stripColour } from '../../src/report/style.ts';

const ESCAPE = '\u001b[';

describe('useColour', () => {
  const cases: readonly [string, boolean, Record<string, string>, boolean][] = [
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['NO_COLOR on a terminal', true, { NO_COLOR: '1' }, false],
    ['empty NO_COLOR on a terminal', true, { NO_COLOR: '' }, true],
    ['FORCE_COLOR in a pipe', false, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=3 in a pipe', false, { FORCE_COLOR: '3' }, true],
    ['empty FORCE_COLOR in a pipe', false, { FORCE_COLOR: '' }, false],
    ['FORCE_COLOR=0 on a terminal', true, { FORCE_COLOR: '0' }, false],
    ['NO_COLOR with FORCE_COLOR', false, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['a dumb terminal', true, { TERM: 'dumb' }, false],
    ['FORCE_COLOR on a dumb terminal', true, { TERM: 'dumb', FORCE_COLOR: '1' }, true],
  ];

  for (const [name, isTTY, env, expected] of cases) {
    it(`decides for ${name}`, () => {
      expect(useColour({ isTTY, env })).toBe(expected);
    });
  }
});

describe('styleFor', () => {
  it('colours the table', () => {
    expect(styleFor('table', true).colour).toBe(true);
  });

  it('leaves JSON plain', () => {
    expect(styleFor('json', true).colour).toBe(false);
  });

  it('leaves CSV plain', () => {
    expect(styleFor('csv', true).colour).toBe(false);
  });

  it('leaves Markdown plain', () => {
    expect(styleFor('markdown', true).colour).toBe(false);
  });

  it('needs colour allowed', () => {
    expect(styleFor('table', undefined).colour).toBe(false);
  });
});

/** Runs the command line in this process with `colour` set as the program would set it. */
async function runWithColour(argv: readonly string[], colour: boolean | undefined) {
  let stdout = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
    colour,
  });
  return { code, stdout };
}

/** A sweep of poisson over two hours, quick enough to run in this thread. */
const SWEEP = ['poisson', '--duration', '2h', '--sweep', 'interval=1m..10m', '--steps', '3'];
const SWEEP_IN_THREAD = [...SWEEP, '--threads', '0'];

/** A bullpen run in which webhook misses events, so the summary warns about them. */
const MISSING = ['bullpen', '--error-rate', '0.9'];

describe('colour through runCli', () => {
  it('colours the run table', async () => {
    const run = await runWithColour(['bullpen'], true);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(ESCAPE);
  });

  it('colours the strategy names', async () => {
    const run = await runWithColour(['bullpen'], true);

    expect(run.stdout).toContain('\u001b[36mpoll\u001b[39m');
  });

  it('colours the warning yellow', async () => {
    const run = await runWithColour(MISSING, true);

    const start = run.stdout.indexOf('\u001b[33mBeware: webhook missed ');

    expect(start).toBeGreaterThan(-1);
    expect(run.stdout.indexOf('events.\u001b[39m', start)).toBeGreaterThan(start);
  });

  it('keeps the plain text', async () => {
    const coloured = await runWithColour(MISSING, true);
    const plain = await runWithColour(MISSING, undefined);

    expect(stripColour(coloured.stdout)).toBe(plain.stdout);
  });

  it('leaves the run plain without', async () => {
    const run = await runWithColour(['bullpen'], undefined);

    expect(run.stdout).not.toContain(ESCAPE);
  });

  it('leaves the run plain when false', async () => {
    const run = await runWithColour(['bullpen'], false);

    expect(run.stdout).not.toContain(ESCAPE);
  });

  it('leaves JSON plain', async () => {
    const run = await runWithColour(['bullpen', '--json'], true);

    expect(run.stdout).not.toContain(ESCAPE);
  });

  it('leaves CSV plain', async () => {
    const run = await runWithColour(['bullpen', '--csv'], true);

    expect(run.stdout).not.toContain(ESCAPE);
  });

  it('leaves Markdown plain', async () => {
    const run = await runWithColour(['bullpen', '--markdown'], true);

    expect(run.stdout).not.toContain(ESCAPE);
  });

  it('colours the sweep table', async () => {
    const run = await runWithColour(SWEEP_IN_THREAD, true);

    expect(run.stdout).toContain('│ \u001b[36mpoll\u001b[39m ');
  });

  it('colours the sweep legend', async () => {
    const run = await runWithColour(SWEEP_IN_THREAD, true);

    expect(run.stdout).toContain('\u001b[36m●\u001b[39m poll');
  });

  it('keeps the plain sweep text', async () => {
    const coloured = await runWithColour(SWEEP_IN_THREAD, true);
    const plain = await runWithColour(SWEEP_IN_THREAD, undefined);

    expect(stripColour(coloured.stdout)).toBe(plain.stdout);
  });

  it('leaves sweep JSON plain', async () => {
    const run = await runWithColour([...SWEEP_IN_THREAD, '--json'], true);

    expect(run.stdout).not.toContain(ESCAPE);
  });
});

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the real program with the command line that `npm run scenario` uses and stdout on a
 * pipe, in the environment of a colour terminal plus `extra`. Colour settings of the environment running the tests are
 * removed, so that only `extra` decides.
 */
function runMain(args: readonly string[], extra: Record<string, string>) {
  const { NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', ...extra },
  });
}

describe('colour in the main program', () => {
  it('prints no escape to a pipe', () => {
    const child = runMain(['bullpen'], {});

    expect(child.status).toBe(0);
    expect(child.stdout).not.toContain(ESCAPE);
  });

  it('prints escapes with FORCE_COLOR', () => {
    const child = runMain(['bullpen'], { FORCE_COLOR: '1' });

    expect(child.status).toBe(0);
    expect(child.stdout).toContain(ESCAPE);
  });

  it('obeys NO_COLOR over FORCE_COLOR', () => {
    const child = runMain(['bullpen'], { FORCE_COLOR: '1', NO_COLOR: '1' });

    expect(child.status).toBe(0);
    expect(child.stdout).not.toContain(ESCAPE);
  });
});
