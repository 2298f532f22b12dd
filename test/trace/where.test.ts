import { describe, expect, it } from 'vitest';
import { PollVsPushError } from '../../src/errors.ts';
import type { RowFilter } from '../../src/trace/where.ts';
import { checkWhereColumns, matchesWhere, parseWhere } from '../../src/trace/where.ts';

/** Returns the PollVsPushError that `action` raises, failing the test if it raises none. */
function errorOf(action: () => unknown): PollVsPushError {
  try {
    action();
  } catch (error) {
    if (error instanceof PollVsPushError) return error;
    throw error;
  }
  throw new Error('expected a PollVsPushError');
}

const matches = (text: string, values: Record<string, unknown>): boolean =>
  matchesWhere(parseWhere(text), values);

describe('parseWhere conditions', () => {
  it('reads one comparison', () => {
    expect(parseWhere('mag>=4.5').conditions).toEqual([
      { column: 'mag', operator: '>=', value: '4.5', number: 4.5 },
    ]);
  });

  it.each([
    ['=', '='],
    ['==', '='],
    ['!=', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
  ])('reads operator %s', (symbol, operator) => {
    expect(parseWhere(`net${symbol}av`).conditions[0]?.operator).toBe(operator);
  });

  it('allows spaces around operators', () => {
    expect(parseWhere('  net =  av ').conditions[0]?.value).toBe('av');
  });

  it('joins conditions with and', () => {
    const filter = parseWhere('type=earthquake AND mag > 2');

    expect(filter.conditions.map((condition) => condition.column)).toEqual(['type', 'mag']);
  });

  it('reads quoted values whole', () => {
    expect(parseWhere("place = 'Bosnia and Herzegovina'").conditions[0]?.value).toBe(
      'Bosnia and Herzegovina',
    );
  });

  it('reads quoted column names', () => {
    expect(parseWhere('"event time">=2023').conditions[0]?.column).toBe('event time');
  });

  it('keeps text values as text', () => {
    expect(parseWhere('net=0x10').conditions[0]?.number).toBeUndefined();
  });

  it('reads blank text as no filter', () => {
    expect(parseWhere('  ').conditions).toEqual([]);
  });
});

describe('parseWhere errors', () => {
  it.each([
    ['mag>>4', "expected a value after 'mag >'"],
    ['mag', "expected one of =, !=, <, <=, >, >= after 'mag', found the end"],
    ['mag 4.5', "after 'mag', found '4.5'"],
    ['mag>=', 'found the end'],
    ['>=4.5', "expected a column name, found '>=4.5'"],
    ['mag>4 or net=av', "expected 'and' before 'or net=av'"],
    ['mag>4 and', "nothing follows the last 'and'"],
    ["place='Kona", 'is never closed'],
  ])('rejects %s', (text, problem) => {
    const error = errorOf(() => parseWhere(text));

    expect(error.code).toBe('PVP_INVALID_OPTION');
    expect(error.message).toContain(problem);
  });

  it('names the flag and a fix', () => {
    const error = errorOf(() => parseWhere('mag>>4'));

    expect(error.message).toMatch(/^--where 'mag>>4' is not a valid filter: .*such as 'mag>=4\.5'/);
  });
});

describe('matchesWhere numbers', () => {
  it('compares numbers as numbers', () => {
    expect(matches('mag>=4.5', { mag: '10.1' })).toBe(true);
  });

  it('equates equal numbers', () => {
    expect(matches('mag=4.5', { mag: '4.50' })).toBe(true);
  });

  it('reads JSON numbers', () => {
    expect(matches('depth<10', { depth: 9.5 })).toBe(true);
  });

  it('fails an empty cell', () => {
    expect(matches('mag<4.5', { mag: '' })).toBe(false);
  });

  it('passes an empty cell with !=', () => {
    expect(matches('mag!=4.5', { mag: '' })).toBe(true);
  });
});

describe('matchesWhere text', () => {
  it('compares text exactly', () => {
    expect(matches('net=av', { net: 'AV' })).toBe(false);
  });

  it('orders ISO times', () => {
    expect(matches('merged_at>=2025-01-01', { merged_at: '2025-03-04T10:00:00Z' })).toBe(true);
  });

  it('excludes a missing value', () => {
    expect(matches('net=av', {})).toBe(false);
  });

  it('passes a missing value with !=', () => {
    expect(matches('net!=av', { net: null })).toBe(true);
  });

  it('needs every condition', () => {
    expect(matches('net=av and mag>=2', { net: 'av', mag: '1.2' })).toBe(false);
  });

  it('ignores inherited properties', () => {
    expect(matches('constructor!=x', {})).toBe(true);
  });
});

describe('checkWhereColumns', () => {
  const filter: RowFilter = parseWhere('magnitude>=4.5');

  it('names the missing column', () => {
    const error = errorOf(() => checkWhereColumns(filter, 'quakes.csv', ['time', 'mag']));

    expect(error.code).toBe('PVP_TRACE_COLUMN');
    expect(error.message).toBe(
      "trace file 'quakes.csv' has no column 'magnitude', which --where 'magnitude>=4.5' " +
        'compares; its columns are time, mag; name one of them in --where',
    );
  });

  it('accepts known columns', () => {
    expect(() => checkWhereColumns(parseWhere('mag>1'), 'quakes.csv', ['mag'])).not.toThrow();
  });
});
