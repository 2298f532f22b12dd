import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Returns the first fenced `text` block after `marker` in the README. */
function sampleAfter(marker: string): string {
  const start = README.indexOf(marker);
  const open = README.indexOf('```text\n', start);
  const close = README.indexOf('```', open + 8);
  return README.slice(open + 8, close);
}

async function outputOf(argv: string[]): Promise<string> {
  let stdout = '';
  await runCli(argv, { stdout: (text) => (stdout += text), stderr: () => undefined });
  return stdout;
}

describe('README sample', () => {
  it('matches the bullpen output', async () => {
    const sample = sampleAfter('This is the output\nof `npm run scenario bullpen`');

    expect(await outputOf(['bullpen'])).toBe(sample);
  });
});
