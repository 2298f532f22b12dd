import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import earthquakes from '../../scenarios/earthquakes.ts';
import releases from '../../scenarios/releases.ts';
import repoMerges from '../../scenarios/repo-merges.ts';
import trace from '../../scenarios/trace.ts';
import { PollVsPushError } from '../../src/errors.ts';
import { runScenario } from '../../src/runtime/run.ts';
import { buildScenarioWorld } from './scenario-worlds.ts';

/** Real event timelines kept beside the project, never copied into it. */
const folder = fileURLToPath(new URL('../../../shared/traces/', import.meta.url));
const QUAKES = `${folder}usgs_earthquakes_2023-03-05_2023-04-04.csv`;
const MERGES = `${folder}github_apache-pinot_master_merges.csv`;
const RELEASES = `${folder}npm_express_release_tags.csv`;
const present = [QUAKES, MERGES, RELEASES].every((file) => existsSync(file));

describe.skipIf(!present)('trace wrappers on real files (skipped without ../shared/traces)', () => {
  describe('earthquakes', () => {
    it('keeps earthquakes by default', async () => {
      const world = await buildScenarioWorld(earthquakes, { scenarioOptions: { file: QUAKES } });

      // 12,569 rows less 185 quarry blasts, explosions, ice quakes and other events.
      expect(world.log.size).toBe(12_384);
    });

    it('selects magnitudes with --where', async () => {
      const world = await buildScenarioWorld(earthquakes, {
        scenarioOptions: { file: QUAKES, where: 'mag>=4.5' },
      });

      expect(world.log.size).toBe(443);
    });

    it('selects a network with --where', async () => {
      const world = await buildScenarioWorld(earthquakes, {
        scenarioOptions: { file: QUAKES, where: 'net=av' },
      });

      expect(world.log.size).toBe(2_534);
    });

    it('keys events by network', async () => {
      const world = await buildScenarioWorld(earthquakes, {
        scenarioOptions: { file: QUAKES, where: 'net=av' },
      });

      expect(new Set(world.log.events.map((event) => event.key))).toEqual(new Set(['av']));
    });

    it('keeps every row with empty --where', async () => {
      const world = await buildScenarioWorld(earthquakes, {
        scenarioOptions: { file: QUAKES, where: '' },
      });

      expect(world.log.size).toBe(12_569);
    });

    it('names a missing column', async () => {
      const error = await buildScenarioWorld(earthquakes, {
        scenarioOptions: { file: QUAKES, where: 'magnitude>=4.5' },
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(PollVsPushError);
      expect((error as PollVsPushError).code).toBe('PVP_TRACE_COLUMN');
    });

    it('rejects a filter matching nothing', async () => {
      const error = await buildScenarioWorld(earthquakes, {
        scenarioOptions: { file: QUAKES, where: 'mag>12' },
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(PollVsPushError);
      expect((error as PollVsPushError).code).toBe('PVP_TRACE_EMPTY');
    });
  });

  describe('repo-merges', () => {
    it('reads every merge', async () => {
      const world = await buildScenarioWorld(repoMerges, { scenarioOptions: { file: MERGES } });

      expect(world.log.size).toBe(12_530);
    });

    it('selects by time with --where', async () => {
      const world = await buildScenarioWorld(repoMerges, {
        scenarioOptions: { file: MERGES, where: 'merged_at>=2025-01-01' },
      });
      const first = world.log.events[0]?.time ?? 0;

      expect(first).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 1));
    });
  });

  describe('releases', () => {
    it('reads every release', async () => {
      const world = await buildScenarioWorld(releases, { scenarioOptions: { file: RELEASES } });

      expect(world.log.size).toBe(304);
    });

    it('polls daily by default', async () => {
      const report = await runScenario(releases, { scenarioOptions: { file: RELEASES } });

      expect(report.results[0]?.latencyMs.max).toBeLessThanOrEqual(86_400_000);
    });
  });

  describe('trace', () => {
    it('filters with --where', async () => {
      const world = await buildScenarioWorld(trace, {
        scenarioOptions: { file: QUAKES, where: 'net = av' },
      });

      expect(world.log.size).toBe(2_534);
    });
  });

  describe.each([
    ['earthquakes', earthquakes, QUAKES],
    ['repo-merges', repoMerges, MERGES],
    ['releases', releases, RELEASES],
  ])('%s run', (_name, scenario, file) => {
    const run = runScenario(scenario, { interval: '1h', scenarioOptions: { file } });

    it('misses no event', async () => {
      const [poll, webhook] = (await run).results;

      expect(poll?.events.missed).toBe(0);
      expect(webhook?.events.missed).toBe(0);
    });

    it('repeats for the same seed', async () => {
      const again = await runScenario(scenario, { interval: '1h', scenarioOptions: { file } });

      expect(again.results).toEqual((await run).results);
    });
  });
});
