import type { ProducerEvent } from '../../src/model/event-log.ts';
import type { Scenario } from '../../src/model/scenario.ts';
import type { World } from '../../src/model/world.ts';
import { buildWorld } from '../../src/runtime/run.ts';
import type { RunInput } from '../../src/runtime/settings.ts';
import { resolveSettings } from '../../src/runtime/settings.ts';

/** Builds a scenario's world as a run would, without simulating any strategy. */
export function buildScenarioWorld(scenario: Scenario, input: RunInput = {}): Promise<World> {
  return buildWorld(scenario, resolveSettings(scenario, input));
}

/** Returns the events whose key starts with `prefix`. */
export function eventsWithKey(world: World, prefix: string): readonly ProducerEvent[] {
  return world.log.events.filter((event) => event.key.startsWith(prefix));
}

/** Reads one field of an event's payload. */
export function payloadField(event: ProducerEvent, field: string): unknown {
  const payload = event.payload as Record<string, unknown> | null;
  return payload?.[field];
}

/**
 * Counts events in consecutive windows of `width` ms from `start` to `end`, separately for each
 * key, so that independent sources give independent samples. Returns every count, zeros
 * included, for each key in `keys`.
 */
export function countsPerWindow(
  events: readonly ProducerEvent[],
  keys: readonly string[],
  window: { start: number; end: number; width: number },
): number[] {
  const windows = Math.floor((window.end - window.start) / window.width);
  const counts = new Map(keys.map((key) => [key, new Array<number>(windows).fill(0)]));

  for (const event of events) {
    const index = Math.floor((event.time - window.start) / window.width);
    const row = counts.get(event.key);
    if (row !== undefined && index >= 0 && index < windows) row[index] = (row[index] ?? 0) + 1;
  }

  return [...counts.values()].flat();
}

/** Returns the variance of the counts divided by their mean: 1 for a Poisson process. */
export function varianceToMean(counts: readonly number[]): number {
  const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
  const variance = counts.reduce((sum, count) => sum + (count - mean) ** 2, 0) / counts.length;
  return variance / mean;
}
