import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, runSample, samplesIn } from '../../scripts/doc-samples.ts';
import { knownBlock, sampleUse } from './doc-blocks.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(ROOT, 'docs/custom-scenarios.md'), 'utf8');

/** Returns the body of every fenced block of `language` in the page, in order. */
function blocksOf(language: string): string[] {
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...doc.matchAll(fence)].map((match) => match[1] ?? '');
}

// The page's layout: the repository and the scenario folder side by side, with commands run
// from the repository. The test rebuilds it in a temporary folder outside the repository, with
// an empty stand-in for the repository folder, since the CLI reads nothing from the folder it
// runs in.
const folder = mkdtempSync(join(tmpdir(), 'pvp-tutorial-'));
const scenarioFolder = join(folder, 'my-scenarios');
const runFolder = join(folder, 'poll-vs-push');
mkdirSync(scenarioFolder);
mkdirSync(runFolder);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const finalCode = blocksOf('ts').at(-1) ?? '';
writeFileSync(join(scenarioFolder, 'order-ready.ts'), finalCode);

// The first module of the page sits beside the whole scenario, so that tsc checks it as well.
const firstModule = `${knownBlock('first-module').body.join('\n')}\n`;
writeFileSync(join(scenarioFolder, 'first-module.ts'), firstModule);

const samples = samplesIn(doc).filter((sample) => sampleUse(sample) === 'tutorial');

/** Returns the lines of a code block without their indentation, and without blank lines. */
function codeLines(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Tells whether every line of `part` appears in `whole`, in the same order. */
function appearsIn(part: string, whole: string): boolean {
  const lines = codeLines(whole);
  let position = 0;
  for (const line of codeLines(part)) {
    position = lines.indexOf(line, position);
    if (position === -1) return false;
    position++;
  }
  return true;
}

describe('custom scenario tutorial', () => {
  it('keeps its folder outside the repository', () => {
    expect(folder.startsWith(ROOT)).toBe(false);
  });

  it('ends with the whole scenario', () => {
    expect(finalCode).toContain('export default defineScenario({');
  });

  it('shows two runs', () => {
    expect(samples.length).toBe(2);
  });

  for (const sample of samples) {
    it(`shows the real output of line ${sample.line}`, async () => {
      const previous = process.cwd();
      process.chdir(runFolder);
      const result = await runSample(sample).finally(() => process.chdir(previous));

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(
        result.stdout,
        'the output shown in docs/custom-scenarios.md differs; paste the real output there',
      ).toBe(sample.output);
    });
  }

  it('runs the first module', async () => {
    const result = await runCommand(['../my-scenarios/first-module.ts'], runFolder);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^order-ready: sim run, seed 1, 1 event, 1 consumer, /);
  });

  it.each(['options-fragment', 'drawing-fragment'])('keeps %s in the whole scenario', (id) => {
    expect(appearsIn(knownBlock(id).body.join('\n'), finalCode)).toBe(true);
  });

  it('type-checks with the shown tsconfig', () => {
    const config = blocksOf('json').at(-1) ?? '';
    const local = config.replaceAll('../poll-vs-push/', ROOT);
    writeFileSync(join(scenarioFolder, 'tsconfig.json'), local);

    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const child = spawnSync(process.execPath, [tsc, '--noEmit', '-p', scenarioFolder], {
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(child.stdout).toBe('');
    expect(child.status).toBe(0);
  }, 60_000);
});
