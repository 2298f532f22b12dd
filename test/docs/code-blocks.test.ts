import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toEntry } from '../../bench/report.ts';
import { pairNote } from '../../bench/rounds.ts';
import bullpen from '../../scenarios/bullpen.ts';
import { ROOT, runCommand } from '../../scripts/doc-samples.ts';
import type { World } from '../../src/model/world.ts';
import { buildWorld } from '../../src/runtime/run.ts';
import { type RunSettings, resolveSettings } from '../../src/runtime/settings.ts';
import { simulate } from '../../src/runtime/sim.ts';
import type { StrategyProcess } from '../../src/strategies/effects.ts';
import { pollStrategy } from '../../src/strategies/poll.ts';
import type { Strategy } from '../../src/strategies/strategy.ts';
import { knownBlock } from './doc-blocks.ts';

const folder = mkdtempSync(join(tmpdir(), 'pvp-doc-code-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const settings: RunSettings = resolveSettings(bullpen, { strategies: 'poll' });
const world: World = await buildWorld(bullpen, settings);

function simulateWith(strategy: Strategy, maxSteps?: number) {
  const { interval, align, latency, seed } = settings;
  return simulate(world, { strategy, interval, align, latency, seed, maxSteps });
}

/**
 * Loads docs/concepts.md's shortened poll loop as a module, with the imports it leaves out: the
 * types of the effects and the schedule helpers of the real poll strategy.
 */
async function loadPollSketch(): Promise<Strategy['consumer']> {
  const source = new URL('src/strategies/', ROOT);
  const module = join(folder, 'poll-sketch.ts');
  writeFileSync(
    module,
    [
      'import type { ConsumerContext, PollResponse, StrategyProcess } from ' +
        `'${new URL('effects.ts', source).href}';`,
      'import { answered, FINAL_RETRIES, firstPollTime, nextPollTime, takeResponse } from ' +
        `'${new URL('poll-schedule.ts', source).href}';`,
      '',
      ...knownBlock('poll-sketch').body,
      '',
      'export { pollConsumer };',
    ].join('\n'),
  );

  const loaded = (await import(pathToFileURL(module).href)) as {
    pollConsumer: Strategy['consumer'];
  };
  return loaded.pollConsumer;
}

/** Lists where `shown` differs from `actual`, for each field that `shown` has. */
function differences(shown: unknown, actual: unknown, path = '$'): string[] {
  if (shown === null || typeof shown !== 'object') {
    return Object.is(shown, actual) ? [] : [`${path}: shown ${shown}, printed ${actual}`];
  }
  if (actual === null || typeof actual !== 'object') return [`${path}: missing`];

  return Object.entries(shown).flatMap(([key, value]) =>
    differences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
  );
}

describe('shortened poll loop of concepts.md', () => {
  it('polls as the poll strategy does', async () => {
    const consumer = await loadPollSketch();
    const sketch: Strategy = { ...pollStrategy, consumer: consumer as () => StrategyProcess };

    expect(simulateWith(sketch)).toEqual(simulateWith(pollStrategy));
  });
});

describe('step limit message of errors.md', () => {
  it('is the message of a run over 500 steps', () => {
    const shown = knownBlock('run-limit-message').body.join('\n');

    expect(() => simulateWith(pollStrategy, 500)).toThrow(shown);
  });
});

describe('bullpen JSON of metrics.md', () => {
  it('shows fields that bullpen --json prints', async () => {
    const shown: unknown = JSON.parse(knownBlock('bullpen-json').body.join('\n'));
    const run = await runCommand(['bullpen', '--json']);

    expect(differences(shown, JSON.parse(run.stdout))).toEqual([]);
  });
});

describe('benchmark entry of benchmarks.md', () => {
  it('is what --json prints for its figure', () => {
    const shown: unknown = JSON.parse(knownBlock('bench-entry').body.join('\n'));
    const figure = {
      name: 'sim / bare heap loop: 1,000 consumers x 500 s',
      unit: 'ratio',
      value: 0.376,
      min: 0.371,
      max: 0.545,
      samples: 3,
      direction: 'bigger',
      note: pairNote('the two rates'),
    } as const;

    expect(toEntry(figure)).toEqual(shown);
  });
});
