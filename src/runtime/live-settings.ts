import { moments, upperBound } from '../engine/distributions.ts';
import { invalidOption } from '../errors.ts';
import { readInteger } from '../model/option-values.ts';
import type { World } from '../model/world.ts';
import type { RunInput, RunSettings } from './settings.ts';
import { setupLead } from './sim.ts';

export type RunMode = 'sim' | 'live';

export interface LiveSettings {
  readonly timeScale: number;
  readonly producerPort: number;
  readonly receiverPort: number;
  readonly allowRemote: boolean;
}

/** How long an automatic time scale aims to make one strategy's live run, in real ms. */
const TARGET_RUN_MS = 5_000;

/** The shortest mean poll interval an automatic time scale allows, in real ms. */
const MIN_REAL_INTERVAL_MS = 5;

/** Maximum polls per real second that an automatic time scale puts on the producer. */
const MAX_REAL_POLLS_PER_SECOND = 2_000;

export function readMode(text: string | undefined): RunMode {
  const mode = text ?? 'sim';
  if (mode !== 'sim' && mode !== 'live') throw invalidOption('--mode', mode, "'sim' or 'live'");
  return mode;
}

/** Checks the live options; `auto` picks a time scale for the world as `autoTimeScale` does. */
export function resolveLiveSettings(
  input: RunInput,
  settings: RunSettings,
  world: World,
): LiveSettings {
  return {
    timeScale: readTimeScale(input.timeScale ?? 'auto', settings, world),
    producerPort: readInteger('--producer-port', input.producerPort ?? '0', 0, 65_535),
    receiverPort: readInteger('--receiver-port', input.receiverPort ?? '0', 0, 65_535),
    allowRemote: input.allowRemote ?? false,
  };
}

function readTimeScale(text: string, settings: RunSettings, world: World): number {
  if (text === 'auto') return autoTimeScale(settings, world);

  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw invalidOption(
      '--time-scale',
      text,
      "a number above 0 such as 600 (ten minutes a second), or 'auto'",
    );
  }
  return value;
}

/**
 * Picks a time scale that runs the window in about 5 s, but never so fast that a mean poll
 * interval lasts under 5 real ms, where timer lateness would swamp the schedule, nor so fast
 * that the consumers together poll more than 2,000 times a real second, which a 2-core machine
 * serves without falling behind. The result has two significant digits and is at least 1.
 */
export function autoTimeScale(settings: RunSettings, world: World): number {
  const span = world.windowEnd - world.windowStart + setupLead(settings.latency);
  const interval = moments(settings.interval)?.mean ?? upperBound(settings.interval);
  const pollsPerRealMs = MAX_REAL_POLLS_PER_SECOND / 1_000;
  const scale = Math.min(
    span / TARGET_RUN_MS,
    interval / MIN_REAL_INTERVAL_MS,
    (interval * pollsPerRealMs) / world.consumers.length,
  );
  return Math.max(1, Number(scale.toPrecision(2)));
}
