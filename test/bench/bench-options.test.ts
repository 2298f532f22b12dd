import { describe, expect, it } from 'vitest';
import { GROUPS, parseBenchOptions } from '../../bench/options.ts';

describe('parseBenchOptions defaults', () => {
  const options = parseBenchOptions([]);

  it('prints text', () => {
    expect(options.format).toBe('text');
  });

  it('runs every group', () => {
    expect(options.groups).toEqual(GROUPS);
  });

  it('tolerates a 20% fall', () => {
    expect(options.tolerance).toBe(0.2);
  });
});

describe('parseBenchOptions values', () => {
  it('reads a percent tolerance', () => {
    expect(parseBenchOptions(['--tolerance', '12.5%']).tolerance).toBe(0.125);
  });

  it('rejects a tolerance of 100', () => {
    expect(() => parseBenchOptions(['--tolerance', '100'])).toThrow('--tolerance must be');
  });

  it('rejects a worded tolerance', () => {
    expect(() => parseBenchOptions(['--tolerance', 'ten'])).toThrow("got 'ten'");
  });

  it('keeps groups in run order', () => {
    expect(parseBenchOptions(['--only', 'scenarios,engine']).groups).toEqual([
      'engine',
      'scenarios',
    ]);
  });

  it('rejects an unknown group', () => {
    expect(() => parseBenchOptions(['--only', 'disk'])).toThrow("unknown group 'disk'");
  });

  it('rejects json with markdown', () => {
    expect(() => parseBenchOptions(['--json', '--markdown'])).toThrow('cannot be combined');
  });

  it('rejects a missing compare file', () => {
    expect(() => parseBenchOptions(['--compare'])).toThrow('--compare needs a value');
  });

  it('reads the markdown format', () => {
    expect(parseBenchOptions(['--markdown']).format).toBe('markdown');
  });
});
