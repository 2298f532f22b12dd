import { describe, expect, it } from 'vitest';
import { parseTraceTime, UNIX_MILLISECONDS_THRESHOLD } from '../../src/trace/parse-time.ts';

/** Expected values come from `Date.parse`, which reads this canonical UTC form exactly. */
const utc = (text: string): number => Date.parse(text);

describe('parseTraceTime', () => {
  it.each([
    ['2023-04-04T15:03:48.180Z', utc('2023-04-04T15:03:48.180Z')],
    ['2016-06-14T17:12:06Z', utc('2016-06-14T17:12:06.000Z')],
    ['2023-04-04T15:03Z', utc('2023-04-04T15:03:00.000Z')],
    ['2023-04-04', utc('2023-04-04T00:00:00.000Z')],
    ['2023-04-04T15:03:48', utc('2023-04-04T15:03:48.000Z')],
    ['2023-04-04T17:03:48+02:00', utc('2023-04-04T15:03:48.000Z')],
    ['2023-04-04T20:33:48+0530', utc('2023-04-04T15:03:48.000Z')],
    ['2023-04-04T10:03:48-05', utc('2023-04-04T15:03:48.000Z')],
    ['2023-04-04T15:03:48,5Z', utc('2023-04-04T15:03:48.500Z')],
    ['2024-02-29T00:00:00Z', utc('2024-02-29T00:00:00.000Z')],
    ['0050-01-01T00:00:00Z', utc('0050-01-01T00:00:00.000Z')],
    ['  2016-06-14T17:12:06Z  ', utc('2016-06-14T17:12:06.000Z')],
  ])('reads ISO 8601 %j', (text, expected) => {
    expect(parseTraceTime(text)).toBe(expected);
  });

  it('keeps sub-millisecond fractions', () => {
    const base = utc('2023-04-04T15:03:48.000Z');

    expect(parseTraceTime('2023-04-04T15:03:48.123456Z')).toBeCloseTo(base + 123.456, 6);
    expect(parseTraceTime('2023-04-04T15:03:48.180Z')! - base).toBe(180);
  });

  it.each([
    ['1680620628', 1_680_620_628_000],
    ['1680620628.5', 1_680_620_628_500],
    ['1680620628180', 1_680_620_628_180],
    ['1.68062062818e12', 1_680_620_628_180],
    ['0', 0],
    [1_680_620_628, 1_680_620_628_000],
    [1_680_620_628_180, 1_680_620_628_180],
  ])('reads Unix time %j', (value, expected) => {
    expect(parseTraceTime(value)).toBe(expected);
  });

  it('switches to milliseconds at the threshold', () => {
    expect(parseTraceTime(UNIX_MILLISECONDS_THRESHOLD)).toBe(UNIX_MILLISECONDS_THRESHOLD);
    expect(parseTraceTime(UNIX_MILLISECONDS_THRESHOLD - 1)).toBe(
      (UNIX_MILLISECONDS_THRESHOLD - 1) * 1000,
    );
  });

  it('threshold lies between 1973 and 5138', () => {
    const asMilliseconds = new Date(UNIX_MILLISECONDS_THRESHOLD).toISOString();
    const asSeconds = new Date(UNIX_MILLISECONDS_THRESHOLD * 1000).toISOString();

    expect(asMilliseconds).toBe('1973-03-03T09:46:40.000Z');
    expect(asSeconds).toBe('5138-11-16T09:46:40.000Z');
  });

  it.each([
    'April 4',
    'yesterday',
    '2023/04/04',
    'Tue, 04 Apr 2023 15:03:48 GMT',
    '2023-04-04 15:03:48Z',
    '2023-04-04t15:03:48z',
    '2023-4-4',
    '2023-02-30',
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-04T24:00:00Z',
    '2023-04-04T15:60:00Z',
    '2023-04-04T15:03:60Z',
    '2023-04-04T15:03:48+24:00',
    '2023-04-04T15:03:48+02:60',
    '2023-04-04T15',
    '',
    '   ',
    '-5',
    '+5',
    '0x10',
    'NaN',
    'Infinity',
    '1e400',
    '9e15',
  ])('rejects string %j', (text) => {
    expect(parseTraceTime(text)).toBeUndefined();
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 9e15, null, undefined, true, {}])(
    'rejects value %j',
    (value) => {
      expect(parseTraceTime(value)).toBeUndefined();
    },
  );
});
