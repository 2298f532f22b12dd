import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  comparesExactly,
  documentPaths,
  ROOT,
  runSample,
  samplesIn,
  showsError,
  splitArgs,
} from '../../scripts/doc-samples.ts';
import { SHARED_TRACES, sampleUse, sectionExitCode } from './doc-blocks.ts';

for (const path of documentPaths()) {
  const markdown = readFileSync(new URL(path, ROOT), 'utf8');
  const samples = samplesIn(markdown).filter(comparesExactly);
  const absent = samplesIn(markdown).filter((sample) => sampleUse(sample) === 'trace-absent');
  if (samples.length === 0 && absent.length === 0) continue;

  describe(`${path} samples`, () => {
    for (const sample of absent) {
      it.skip(`line ${sample.line}: skipped, ${SHARED_TRACES} is absent`, () => {});
    }

    for (const sample of samples) {
      it(`line ${sample.line}: ${sample.args.join(' ')}`, async () => {
        const result = await runSample(sample);

        if (sample.silent) {
          expect(result.stdout + result.stderr).toBe(sample.output);
          if (!showsError(sample)) {
            expect(result.code).toBe(0);
            return;
          }

          // An error exits with the code its section gives, and with some code where none is given.
          const code = sectionExitCode(markdown, sample.line);
          if (code === undefined) expect(result.code).not.toBe(0);
          else expect(result.code).toBe(code);
          return;
        }
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(sample.output);
      });
    }
  });
}

/** A block of two commands, each followed by its one line of output. */
const TWO_COMMANDS = [
  '```text',
  '$ npm run -s scenario -- a',
  'one',
  '$ npm run -s scenario -- b',
  'two',
  '```',
].join('\n');

describe('sample search', () => {
  it('finds the README samples', () => {
    const samples = samplesIn(readFileSync(new URL('README.md', ROOT), 'utf8'));

    expect(samples.length).toBeGreaterThanOrEqual(2);
  });

  it('finds the strategy samples', () => {
    const samples = samplesIn(readFileSync(new URL('docs/strategies.md', ROOT), 'utf8'));

    // At least one run for each of the ten strategies.
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  it('splits a block of several commands', () => {
    const samples = samplesIn(TWO_COMMANDS);

    expect(samples.map((sample) => sample.output)).toEqual(['one\n', 'two\n']);
  });

  it('places each output by line', () => {
    const [first, second] = samplesIn(TWO_COMMANDS);

    expect([first?.outputStart, first?.outputEnd]).toEqual([2, 3]);
    expect([second?.outputStart, second?.outputEnd]).toEqual([4, 5]);
  });

  it('splits quoted arguments whole', () => {
    expect(splitArgs(`poisson --late-copy 'uniform(0s, 30m)' --x "a b"`)).toEqual([
      'poisson',
      '--late-copy',
      'uniform(0s, 30m)',
      '--x',
      'a b',
    ]);
  });
});
