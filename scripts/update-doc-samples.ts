/**
 * Rewrites the output of every command sample in the README and docs/ with what the command
 * prints now, after a change to the output. Samples that use real time, or that need a file or
 * port the page does not provide, are left alone. The tests in test/docs/ still check them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { comparesExactly, documentPaths, ROOT, runSample, samplesIn } from './doc-samples.ts';

let changed = 0;

for (const path of documentPaths()) {
  const url = new URL(path, ROOT);
  const lines = readFileSync(url, 'utf8').split('\n');
  const samples = samplesIn(lines.join('\n')).filter(comparesExactly);

  // Later samples first, so that replacing one leaves the line numbers of the others valid.
  for (const sample of samples.reverse()) {
    const result = await runSample(sample);
    if (result.code !== 0 && !sample.silent) {
      throw new Error(`${path}:${sample.line} failed: ${result.stderr}`);
    }

    const shown = sample.silent ? result.stdout + result.stderr : result.stdout;
    if (shown === sample.output) continue;

    const output = shown.replace(/\n$/, '').split('\n');
    lines.splice(sample.outputStart, sample.outputEnd - sample.outputStart, ...output);
    changed++;
  }

  writeFileSync(url, lines.join('\n'));
}

console.log(`${changed} samples rewritten`);
