import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCommand, type SampleRun } from '../../scripts/doc-samples.ts';
import { allSamples, type DocSample, readPage, sampleUse, sectionExitCode } from './doc-blocks.ts';
import { type Fixture, fixtureFor } from './error-fixtures.ts';

// Each error sample that needs a file or a taken port gets it from error-fixtures.ts, in a
// folder of its own, because Node caches an imported module by its path.
const folder = mkdtempSync(join(tmpdir(), 'pvp-doc-errors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const samples = allSamples().filter((sample) => sampleUse(sample) === 'fixture');

/** Writes a fixture's files under a fresh folder and returns the folder to run from. */
function prepare(fixture: Fixture, index: number): string {
  if (fixture.inRoot === true) return fileURLToPath(ROOT);

  const runFolder = join(folder, `sample-${index}`, 'run');
  mkdirSync(runFolder, { recursive: true });
  for (const [path, contents] of Object.entries(fixture.files ?? {})) {
    const target = resolve(runFolder, path);
    if (contents === null) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
  return runFolder;
}

/** Listens on a port of 127.0.0.1; a port that another program listens on is taken already. */
function takePort(port: number): Promise<Server | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(undefined));
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

/**
 * Runs the CLI in a child process as `npm run scenario` starts it from the repository root, with
 * npm's INIT_CWD set to the folder the user ran npm in.
 */
function runProcess(args: readonly string[], runFolder: string): SampleRun {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: fileURLToPath(ROOT),
    env: { ...process.env, INIT_CWD: runFolder },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

async function run(sample: DocSample, index: number): Promise<SampleRun> {
  const fixture = fixtureFor(sample) ?? {};
  const runFolder = prepare(fixture, index);
  const server = fixture.takenPort === undefined ? undefined : await takePort(fixture.takenPort);

  try {
    if (fixture.ownProcess === true) return runProcess(sample.args, runFolder);
    return await runCommand(sample.args, runFolder);
  } finally {
    server?.close();
  }
}

describe.each(
  samples.map((sample, index) => [`${sample.path}:${sample.line}`, sample, index] as const),
)('error sample at %s', (_, sample, index) => {
  const code = sectionExitCode(readPage(sample.path), sample.line);
  let result: SampleRun | undefined;

  it('prints the message shown', async () => {
    result = await run(sample, index);

    expect(result.stdout + result.stderr).toBe(sample.output);
  });

  it(code === undefined ? 'fails' : `exits with ${code}`, () => {
    if (code === undefined) expect(result?.code).not.toBe(0);
    else expect(result?.code).toBe(code);
  });
});

describe('error fixtures', () => {
  it('cover the docs error samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(30);
  });
});
