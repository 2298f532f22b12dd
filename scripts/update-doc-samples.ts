/**
 * Rewrites the output of every command sample in the README and docs/ with what the command
 * prints now, after a change to the output. Samples that use real time are left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  documentPaths,
  needsSetup,
  ROOT,
  runSample,
  samplesIn,
  usesRealTime,
} from './doc-samples.ts';

let changed = 0;

for (const path of documentPaths()) {
  const url = new URL(path, ROOT);
  const lines = readFileSync(url, 'utf8').split('\n');
  const samples = samplesIn(lines.join('\n')).filter(
    (sample) => !usesRealTime(sample.args) && !needsSetup(sample),
  );

  // Later samples first, so that replacing one leaves the line numbers of the others valid.
  for (const sample of samples.reverse()) {
    const result = await runSample(sample);
    if (result.code !== 0 && !sample.silent) {
      throw new Error(`${path}:${sample.line} failed: ${result.stderr}`);
    }

    const shown = sample.silent ? result.stdout + result.stderr : result.stdout;
    if (shown === sample.output) continue;

    const start = sample.line + 1;
    const close = lines.indexOf('```', start);
    lines.splice(start, close - start, ...shown.replace(/\n$/, '').split('\n'));
    changed++;
  }

  writeFileSync(url, lines.join('\n'));
}

console.log(`${changed} samples rewritten`);
