import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from './cli-harness.ts';

const SMALL = ['bullpen', '--games', '2', '--duration', '1h'];

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pvp-report-option-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Reads back the JSON a report page draws from its script element. */
function pageData(path: string): { kind: string; reproduce: { command: string } } {
  const html = readFileSync(path, 'utf8');
  const json = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html);
  return JSON.parse(json?.[1] ?? 'null');
}

describe('--report', () => {
  it('writes the page', async () => {
    const path = join(folder, 'run.html');
    const run = await runCommand([...SMALL, '--report', path]);

    expect(run.code).toBe(0);
    expect(pageData(path).kind).toBe('run');
  });

  it('says where on stderr', async () => {
    const path = join(folder, 'run.html');
    const run = await runCommand([...SMALL, '--report', path]);

    expect(run.stderr).toMatch(/^Wrote the HTML report to .*run\.html; open it in a browser\.\n$/);
  });

  it('leaves stdout as it was', async () => {
    const plain = await runCommand(SMALL);
    const reported = await runCommand([...SMALL, '--report', join(folder, 'run.html')]);

    expect(reported.stdout).toBe(plain.stdout);
  });

  it('keeps curves out of the JSON', async () => {
    const plain = await runCommand([...SMALL, '--json']);
    const reported = await runCommand([...SMALL, '--json', '--report', join(folder, 'a.html')]);

    expect(reported.stdout).toBe(plain.stdout);
  });

  it('gives the same bytes twice', async () => {
    await runCommand([...SMALL, '--report', join(folder, 'a.html')]);
    await runCommand([...SMALL, '--report', join(folder, 'b.html')]);

    const [first, second] = ['a.html', 'b.html'].map((name) => readFileSync(join(folder, name)));
    expect(first?.equals(second as Buffer)).toBe(true);
  });

  it('shows the command without itself', async () => {
    const path = join(folder, 'run.html');
    await runCommand([...SMALL, '--latency', 'uniform(10ms, 90ms)', '--report', path]);

    expect(pageData(path).reproduce.command).toBe(
      "npm run scenario -- bullpen --games 2 --duration 1h --latency 'uniform(10ms, 90ms)'",
    );
  });

  it('costs a run with prices', async () => {
    const path = join(folder, 'run.html');
    await runCommand([...SMALL, '--cost-preset', 'aws-lambda', '--report', path]);
    const html = readFileSync(path, 'utf8');

    expect(html).toContain('"cost/month"]');
    expect(html).toContain('Break-even: ');
  });

  it('draws a sweep', async () => {
    const path = join(folder, 'sweep.html');
    const sweep = ['--sweep', 'interval=1m..10m', '--steps', '2', '--threads', '0'];
    const run = await runCommand([...SMALL, ...sweep, '--report', path]);

    expect(run.code).toBe(0);
    expect(pageData(path).kind).toBe('sweep');
  });

  it('refuses a missing folder', async () => {
    const path = join(folder, 'no-such-folder', 'run.html');
    const run = await runCommand([...SMALL, '--report', path]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("its folder '");
    expect(run.stderr).toContain('does not exist; create it first');
    expect(run.stdout).toBe('');
  });

  it('refuses a folder as the file', async () => {
    const run = await runCommand([...SMALL, '--report', folder]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('it is a folder; give a file name such as report.html');
  });

  it('refuses a live run', async () => {
    const run = await runCommand([...SMALL, '--mode', 'live', '--report', 'x.html']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--report draws a simulated run or a sweep');
  });

  it('refuses --compare', async () => {
    const run = await runCommand([...SMALL, '--compare', '--report', 'x.html']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not go with --compare');
  });

  it('leaves no partial file behind', async () => {
    const path = join(folder, 'run.html');
    await runCommand([...SMALL, '--report', path]);

    expect(readdirSync(folder)).toEqual(['run.html']);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('replaces an earlier report', async () => {
    const path = join(folder, 'run.html');
    await runCommand([...SMALL, '--report', path]);
    const run = await runCommand([...SMALL, '--seed', '2', '--report', path]);

    expect(run.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('seed 2');
  });

  it('keeps a file that is no report', async () => {
    const path = join(folder, 'trace.csv');
    writeFileSync(path, 'time,key\n');
    const run = await runCommand([...SMALL, '--report', path]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a file that is not a poll-vs-push report exists there');
    expect(readFileSync(path, 'utf8')).toBe('time,key\n');
  });

  it('refuses an empty path', async () => {
    const run = await runCommand([...SMALL, '--report', '']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the path is empty; give a file name');
    expect(run.stdout).toBe('');
  });

  it('writes through a symbolic link', async () => {
    const link = join(folder, 'latest.html');
    symlinkSync('run-1.html', link);
    await runCommand([...SMALL, '--report', link]);

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(pageData(join(folder, 'run-1.html')).kind).toBe('run');
  });

  it.skipIf(process.getuid?.() === 0)(
    'refuses a read-only report (root may write it)',
    async () => {
      const path = join(folder, 'run.html');
      await runCommand([...SMALL, '--report', path]);
      chmodSync(path, 0o444);
      const run = await runCommand([...SMALL, '--report', path]);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('the file is read-only');
    },
  );
});
