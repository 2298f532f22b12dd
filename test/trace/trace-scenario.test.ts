import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import trace from '../../scenarios/trace.ts';
import { runScenario } from '../../src/runtime/run.ts';

/** Real event timelines kept beside the project, never copied into it. */
const folder = fileURLToPath(new URL('../../../shared/traces/', import.meta.url));
const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.csv')) : [];

describe.skipIf(files.length === 0)(
  'trace scenario on real files (skipped without ../shared/traces)',
  () => {
    describe.each(files)('%s', (name) => {
      const run = runScenario(trace, {
        interval: '1h',
        align: 'epoch',
        latency: '0',
        scenarioOptions: { file: `${folder}${name}` },
      });

      it('polls and pushes every event', async () => {
        const [poll, webhook] = (await run).results;

        expect(poll?.events.missed).toBe(0);
        expect(webhook?.events.missed).toBe(0);
      });

      it('delivers each event once', async () => {
        const { results, world } = await run;

        expect(results[1]?.deliveries).toBe(world.events);
      });

      it('delays no poll beyond the interval', async () => {
        const [poll] = (await run).results;

        expect(poll?.latencyMs.max).toBeLessThanOrEqual(3_600_000);
      });
    });
  },
);
