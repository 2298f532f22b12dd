import { describe, expect, it } from 'vitest';
import {
  flagOf,
  readDuration,
  readInteger,
  readRate,
  resolveOption,
} from '../../src/model/option-values.ts';

describe('flagOf', () => {
  it('turns camel case into a flag', () => {
    expect(flagOf('timeColumn')).toBe('--time-column');
  });
});

describe('readDuration', () => {
  it('reads a positive duration', () => {
    expect(readDuration('--duration', '3h')).toBe(10_800_000);
  });

  it('rejects zero by default', () => {
    expect(() => readDuration('--duration', '0')).toThrow(
      "--duration must be a positive duration such as 500ms, 30s, 2m, 1h or 1d, got '0'",
    );
  });

  it('accepts zero when allowed', () => {
    expect(readDuration('--grace', '0', true)).toBe(0);
  });
});

describe('readRate', () => {
  it('rejects a zero rate', () => {
    expect(() => readRate('--rate', '0/s')).toThrow("got '0/s'");
  });
});

describe('readInteger', () => {
  it('reads a whole number', () => {
    expect(readInteger('--games', '12', 1, 100)).toBe(12);
  });

  it('rejects a fraction', () => {
    expect(() => readInteger('--games', '1.5', 1, 100)).toThrow(
      "--games must be a whole number from 1 to 100, such as 1, got '1.5'",
    );
  });

  it('rejects a number over max', () => {
    expect(() => readInteger('--games', '101', 1, 100)).toThrow("got '101'");
  });
});

describe('resolveOption', () => {
  it('uses the default', () => {
    expect(
      resolveOption('games', { type: 'integer', default: 15, description: 'games' }, undefined),
    ).toBe(15);
  });

  it('leaves an optional option absent', () => {
    expect(
      resolveOption('column', { type: 'string', description: 'column' }, undefined),
    ).toBeUndefined();
  });

  it('requires a required option', () => {
    const spec = { type: 'string', required: true, description: 'file to read' } as const;

    expect(() => resolveOption('file', spec, undefined)).toThrow(
      '--file is required; file to read',
    );
  });

  it('checks number bounds', () => {
    const spec = { type: 'number', min: 0, max: 1, description: 'share' } as const;

    expect(() => resolveOption('share', spec, '1.5')).toThrow(
      "--share must be a number from 0 to 1, got '1.5'",
    );
  });
});
