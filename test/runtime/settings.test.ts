import { describe, expect, it } from 'vitest';
import bullpen from '../../scenarios/bullpen.ts';
import { PollVsPushError } from '../../src/errors.ts';
import { defineScenario } from '../../src/model/scenario.ts';
import { BASE_DEFAULTS, resolveSettings } from '../../src/runtime/settings.ts';

/** A scenario with no defaults and no options, so the base defaults apply. */
const bare = defineScenario({
  name: 'bare',
  summary: 'one event',
  build: () => ({ start: 0, events: [{ time: 1 }], consumers: [{}] }),
});

/** Resolves the settings and returns the error they raise, or fails the test. */
function settingsError(input: Parameters<typeof resolveSettings>[1]): PollVsPushError {
  try {
    resolveSettings(bare, input);
  } catch (error) {
    if (error instanceof PollVsPushError) return error;
    throw error;
  }
  throw new Error('resolveSettings returned without an error');
}

describe('resolveSettings defaults', () => {
  it('uses base defaults', () => {
    expect(resolveSettings(bare, {}).text).toEqual({ ...BASE_DEFAULTS });
  });

  it('uses scenario defaults', () => {
    const settings = resolveSettings(bullpen, {});

    expect(settings.interval).toEqual({ kind: 'constant', value: 180_000 });
    expect(settings.duration).toBe(10_800_000);
  });

  it('prefers given values', () => {
    expect(resolveSettings(bullpen, { interval: '30s' }).interval).toEqual({
      kind: 'constant',
      value: 30_000,
    });
  });

  it('removes repeated strategies', () => {
    expect(resolveSettings(bare, { strategies: 'poll, poll' }).strategies).toEqual(['poll']);
  });
});

describe('resolveSettings errors', () => {
  it('rejects an unknown strategy', () => {
    expect(settingsError({ strategies: 'poll,pigeon' }).code).toBe('PVP_UNKNOWN_STRATEGY');
  });

  it('rejects an unknown alignment', () => {
    expect(settingsError({ align: 'cron' }).message).toBe(
      "--align must be 'random' or 'epoch', got 'cron'",
    );
  });

  it('rejects epoch with a distribution', () => {
    expect(settingsError({ align: 'epoch', interval: 'exp(1m)' }).message).toContain(
      "--interval must be a single duration such as 5m when --align epoch is set, got 'exp(1m)'",
    );
  });

  it('rejects a seed out of range', () => {
    expect(settingsError({ seed: '4294967296' }).code).toBe('PVP_INVALID_OPTION');
  });

  it('rejects zero consumers', () => {
    expect(settingsError({ consumers: '0' }).message).toContain('--consumers');
  });

  it('rejects a zero interval', () => {
    expect(settingsError({ interval: '0' }).message).toBe(
      '--interval must be a positive duration such as 30s or 2m, or a distribution with a ' +
        "mean above zero, got '0'",
    );
  });

  it('rejects an interval with zero mean', () => {
    expect(settingsError({ interval: 'normal(0s, 1s)' }).code).toBe('PVP_INVALID_OPTION');
  });
});
