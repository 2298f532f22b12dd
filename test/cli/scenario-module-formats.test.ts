import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests run the real program, as `npm run scenario` does, because only there do Node and
// tsx load the module: under vitest, vite loads it instead and never calls the resolve hook that
// lets a module outside the repository import 'poll-vs-push'.
const root = fileURLToPath(new URL('../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'pvp-formats-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A scenario module in ES module syntax, named after its file. */
function esModule(name: string, importFrom = "'poll-vs-push'"): string {
  return `import { defineScenario } from ${importFrom};

export default defineScenario({
  name: '${name}',
  summary: 'one event',
  build: () => ({ start: 0, events: [{ time: 1000 }], consumers: [{}] }),
});
`;
}

const COMMONJS = `const { defineScenario } = require('poll-vs-push');

module.exports = defineScenario({ name: 'cjs', summary: 'one event', build: () => ({}) });
`;

/** A TypeScript file that sets module.exports without require, which tsx loads as CommonJS. */
const EXPORTS_ONLY = `module.exports = { name: 'plain', summary: 'one event', build: () => ({}) };
`;

const HELPER = `import type { ScenarioPlan } from 'poll-vs-push';
import { sample } from 'poll-vs-push';

export function plan(): ScenarioPlan {
  const time = sample({ kind: 'constant', value: 1000 }, { next: () => 0.5 });
  return { start: 0, events: [{ time }], consumers: [{}] };
}
`;

const WITH_HELPER = `import { defineScenario } from 'poll-vs-push';
import { plan } from './helper.js';

export default defineScenario({ name: 'helped', summary: 'one event', build: plan });
`;

/** Module files by path from the temporary folder, with their source. */
const FILES: Readonly<Record<string, string>> = {
  'typescript.ts': esModule('typescript'),
  'typescript.mts': esModule('mts'),
  'javascript.js': esModule('javascript'),
  'javascript.mjs': esModule('mjs'),
  'helper.ts': HELPER,
  'with-helper.ts': WITH_HELPER,
  'commonjs.js': COMMONJS,
  'commonjs.cjs': COMMONJS,
  'exports-only.ts': EXPORTS_ONLY,
  'typed/package.json': '{ "type": "commonjs" }\n',
  'typed/typescript.ts': esModule('typed'),
};

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const runs = new Map<string, Run>();

/** Runs the program on one module, from the repository root as npm does. */
async function runMain(file: string): Promise<Run> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', join(folder, file)];
  try {
    const child = await promisify(execFile)(process.execPath, args, { cwd: root, timeout: 30_000 });
    return { code: 0, stdout: child.stdout, stderr: child.stderr };
  } catch (error: unknown) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

// Each run starts Node and tsx, which takes about a second, so they all run at once.
beforeAll(async () => {
  mkdirSync(join(folder, 'typed'));
  for (const [file, source] of Object.entries(FILES)) writeFileSync(join(folder, file), source);

  const modules = Object.keys(FILES).filter(
    (file) => file !== 'helper.ts' && !file.endsWith('.json'),
  );
  const results = await Promise.all(modules.map(runMain));
  for (const [index, file] of modules.entries()) runs.set(file, results[index] as Run);
}, 60_000);

describe('scenario module outside the repository', () => {
  const loaded = [
    ['typescript.ts', 'typescript'],
    ['typescript.mts', 'mts'],
    ['javascript.js', 'javascript'],
    ['javascript.mjs', 'mjs'],
    ['with-helper.ts', 'helped'],
    ['typed/typescript.ts', 'typed'],
  ] as const;

  for (const [file, name] of loaded) {
    it(`runs ${file}`, () => {
      const run = runs.get(file);

      expect(run?.stderr).toBe('');
      expect(run?.stdout).toMatch(new RegExp(`^${name}: sim run, seed 1, 1 event, 1 consumer`));
      expect(run?.code).toBe(0);
    });
  }

  for (const file of ['commonjs.js', 'commonjs.cjs', 'exports-only.ts']) {
    it(`rejects CommonJS in ${file}`, () => {
      const run = runs.get(file);

      expect(run?.stderr).toBe(
        `poll-vs-push: scenario module '${join(folder, file)}' is CommonJS, which cannot load ` +
          'poll-vs-push; write it as an ES module, with import and export default, in a .ts, ' +
          '.mts, .js or .mjs file\n',
      );
      expect(run?.code).toBe(1);
    });
  }
});
