import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  documentPaths,
  needsSetup,
  ROOT,
  runSample,
  samplesIn,
  splitArgs,
  usesRealTime,
} from '../../scripts/doc-samples.ts';

for (const path of documentPaths()) {
  const markdown = readFileSync(new URL(path, ROOT), 'utf8');
  const samples = samplesIn(markdown).filter(
    (sample) => !usesRealTime(sample.args) && !needsSetup(sample),
  );
  if (samples.length === 0) continue;

  describe(`${path} samples`, () => {
    for (const sample of samples) {
      it(`line ${sample.line}: ${sample.args.join(' ')}`, async () => {
        const result = await runSample(sample);

        if (sample.silent) {
          expect(result.stdout + result.stderr).toBe(sample.output);
          return;
        }
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(sample.output);
      });
    }
  });
}

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
