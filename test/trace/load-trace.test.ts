import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollVsPushError } from '../../src/errors.ts';
import { loadTrace, type TraceOptions } from '../../src/trace/load-trace.ts';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pvp-trace-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes a fixture file into this run's temporary folder and returns its path. */
async function writeTrace(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, content);
  return file;
}

/** Loads `file` and returns the PollVsPushError it raises, failing the test if it raises none. */
async function loadError(file: string, options?: TraceOptions): Promise<PollVsPushError> {
  try {
    await loadTrace(file, options);
  } catch (error) {
    if (error instanceof PollVsPushError) return error;
    throw error;
  }
  throw new Error(`loadTrace('${file}') returned without an error`);
}

const times = (events: readonly { time: number }[]): number[] => events.map((event) => event.time);

describe('loadTrace times', () => {
  it('reads ISO 8601 times', async () => {
    const file = await writeTrace(
      'iso.csv',
      'time,mag\n2023-04-04T15:03:48.180Z,1.05\n2016-06-14T17:12:06Z,2\n',
    );

    const trace = await loadTrace(file);

    expect(times(trace.events)).toEqual([
      Date.parse('2023-04-04T15:03:48.180Z'),
      Date.parse('2016-06-14T17:12:06Z'),
    ]);
  });

  it('reads Unix seconds', async () => {
    const file = await writeTrace('seconds.csv', 'time\n1680620628\n1680620628.5\n0\n');

    const trace = await loadTrace(file);

    expect(times(trace.events)).toEqual([1_680_620_628_000, 1_680_620_628_500, 0]);
  });

  it('reads Unix milliseconds', async () => {
    const file = await writeTrace('milliseconds.csv', 'time\n1680620628180\n100000000000\n');

    const trace = await loadTrace(file);

    expect(times(trace.events)).toEqual([1_680_620_628_180, 100_000_000_000]);
  });

  it('keeps mixed order and formats', async () => {
    const file = await writeTrace(
      'mixed.csv',
      'time\n2023-04-04T15:03:50Z\n1680620628\n1680620629000\n2023-04-04T15:03:47Z\n',
    );

    const trace = await loadTrace(file);

    expect(times(trace.events)).toEqual([
      Date.parse('2023-04-04T15:03:50Z'),
      1_680_620_628_000,
      1_680_620_629_000,
      Date.parse('2023-04-04T15:03:47Z'),
    ]);
  });
});

describe('loadTrace columns', () => {
  it('returns file, columns and payload', async () => {
    const file = await writeTrace('payload.csv', 'time,place,mag\n1680620628,"7km NW, CA",1.5\n');

    const trace = await loadTrace(file);

    expect(trace.file).toBe(file);
    expect(trace.columns).toEqual(['time', 'place', 'mag']);
    expect(trace.timeColumn).toBe('time');
    expect(trace.events[0]?.payload).toEqual({
      time: '1680620628',
      place: '7km NW, CA',
      mag: '1.5',
    });
    expect(trace.events[0]?.key).toBeUndefined();
  });

  it.each([
    ['time,timestamp,created_at', 'time'],
    ['Time,value', 'Time'],
    ['created_at,timestamp', 'timestamp'],
    ['commit_sha,merged_at,pr_number', 'merged_at'],
    ['id,EventTime,updated_at', 'EventTime'],
    ['id,release_date', 'release_date'],
  ])('chooses time column from %s', async (header, expected) => {
    const columnCount = header.split(',').length;
    const row = Array.from({ length: columnCount }, () => '1680620628').join(',');
    const file = await writeTrace(`choose-${expected}.csv`, `${header}\n${row}\n`);

    const trace = await loadTrace(file);

    expect(trace.timeColumn).toBe(expected);
  });

  it('uses the requested time column', async () => {
    const file = await writeTrace('requested.csv', 'time,updated\n1,1680620628\n');

    const trace = await loadTrace(file, { timeColumn: 'updated' });

    expect(trace.timeColumn).toBe('updated');
    expect(trace.events[0]?.time).toBe(1_680_620_628_000);
  });

  it('reads keys as strings', async () => {
    const file = await writeTrace('keys.jsonl', '{"time":1,"net":"av"}\n{"time":2,"net":42}\n');

    const trace = await loadTrace(file, { keyColumn: 'net' });

    expect(trace.events[0]?.key).toBe('av');
    expect(trace.events[1]?.key).toBe('42');
  });

  it('leaves null JSON keys unset', async () => {
    const file = await writeTrace('null-key.jsonl', '{"time":1,"net":null}\n{"time":2}\n');

    const trace = await loadTrace(file, { keyColumn: 'net' });

    expect(trace.events[0]?.key).toBeUndefined();
    expect(trace.events[1]?.key).toBeUndefined();
  });
});

describe('loadTrace formats', () => {
  it.each(['events.jsonl', 'events.ndjson', 'events.json', 'EVENTS.JSONL'])(
    'reads JSON lines from %s',
    async (name) => {
      const content = '{"timestamp":1680620628,"id":"a"}\n\n{"timestamp":"2023-04-04T15:03:49Z"}\n';
      const file = await writeTrace(name, content);

      const trace = await loadTrace(file);

      expect(trace.columns).toEqual(['timestamp', 'id']);
      expect(trace.timeColumn).toBe('timestamp');
      expect(times(trace.events)).toEqual([1_680_620_628_000, 1_680_620_629_000]);
      expect(trace.events[1]?.payload).toEqual({ timestamp: '2023-04-04T15:03:49Z' });
    },
  );

  it('reads other extensions as CSV', async () => {
    const file = await writeTrace('events.txt', 'time,id\n1680620628,a\n');

    const trace = await loadTrace(file);

    expect(trace.events).toHaveLength(1);
    expect(trace.events[0]?.payload).toEqual({ time: '1680620628', id: 'a' });
  });

  it('handles BOM, CRLF and blank lines', async () => {
    const file = await writeTrace('crlf.csv', '\uFEFFtime,id\r\n\r\n1680620628,a\r\n1680620629,b');

    const trace = await loadTrace(file);

    expect(trace.columns).toEqual(['time', 'id']);
    expect(times(trace.events)).toEqual([1_680_620_628_000, 1_680_620_629_000]);
  });

  it('reads quoted commas, quotes and newlines', async () => {
    const file = await writeTrace(
      'quoted.csv',
      'time,place\n1680620628,"2km N of The Geysers, CA"\n1680620629,"say ""hi""\nagain"\n',
    );

    const trace = await loadTrace(file);

    expect(trace.events[0]?.payload).toEqual({
      time: '1680620628',
      place: '2km N of The Geysers, CA',
    });
    expect(trace.events[1]?.payload).toEqual({ time: '1680620629', place: 'say "hi"\nagain' });
  });

  it('keeps a __proto__ column as data', async () => {
    const file = await writeTrace('proto.csv', 'time,__proto__\n1680620628,x\n');

    const trace = await loadTrace(file);
    const payload = trace.events[0]?.payload as Record<string, unknown>;

    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
  });
});

describe('loadTrace errors', () => {
  it('rejects a missing file', async () => {
    const file = join(folder, 'missing.csv');

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_NOT_FOUND');
    expect(error.message).toBe(`trace file '${file}' not found; check the path passed to --file`);
  });

  it('rejects a directory', async () => {
    const directory = join(folder, 'a-directory.csv');
    await mkdir(directory);

    const error = await loadError(directory);

    expect(error.code).toBe('PVP_TRACE_UNREADABLE');
    expect(error.message).toBe(
      `trace file '${directory}' is a directory; pass the path of a CSV or JSON-lines file in it`,
    );
  });

  it('rejects bytes that are not UTF-8', async () => {
    const file = await writeTrace('latin1.csv', new Uint8Array([0x74, 0x0a, 0xff, 0xfe, 0x0a]));

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_UNREADABLE');
    expect(error.message).toContain(`trace file '${file}' is not UTF-8 text`);
  });

  it.each([
    ['empty.csv', '', 'is empty'],
    ['blank.csv', '\n  \n', 'is empty'],
    ['blank.jsonl', '\n\n', 'is empty'],
    ['header-only.csv', 'time,id\n', 'has a header but no rows'],
    ['header-blank-lines.csv', 'time,id\n\n\n', 'has a header but no rows'],
  ])('rejects empty %s', async (name, content, problem) => {
    const file = await writeTrace(name, content);

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_EMPTY');
    expect(error.message).toContain(`trace file '${file}' ${problem}`);
  });

  it('rejects a missing time column', async () => {
    const file = await writeTrace('no-time.csv', 'merged_at,commit_sha,pr_number\n1,a,2\n');

    const error = await loadError(file, { timeColumn: 'time' });

    expect(error.code).toBe('PVP_TRACE_COLUMN');
    expect(error.message).toBe(
      `trace file '${file}' has no column 'time'; its columns are merged_at, commit_sha, ` +
        'pr_number; pass --time-column NAME',
    );
  });

  it('rejects columns without a time name', async () => {
    const file = await writeTrace('no-guess.csv', 'id,value\n1,2\n');

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_COLUMN');
    expect(error.message).toContain(`trace file '${file}' has no column named time`);
    expect(error.message).toContain('its columns are id, value; pass --time-column NAME');
  });

  it('rejects a missing key column', async () => {
    const file = await writeTrace('no-key.csv', 'time,net\n1680620628,av\n');

    const error = await loadError(file, { keyColumn: 'network' });

    expect(error.code).toBe('PVP_TRACE_COLUMN');
    expect(error.message).toContain(`trace file '${file}' has no column 'network'`);
    expect(error.message).toContain('its columns are time, net');
  });

  it('rejects a bad time with row and line', async () => {
    const rows = Array.from({ length: 11 }, (_, index) => `${1_680_620_628 + index}`);
    const file = await writeTrace('bad-time.csv', ['time', ...rows, 'yesterday', ''].join('\n'));

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_TIME');
    expect(error.message).toBe(
      `trace file '${file}', row 12 (line 13), column 'time': 'yesterday' is not an ISO 8601 ` +
        'time or Unix seconds or milliseconds; write a time such as 2023-04-04T15:03:48Z or ' +
        '1680620628',
    );
  });

  it('counts lines after blank and multi-line rows', async () => {
    const content = 'time,note\n\n1680620628,"two\nlines"\nApril 4,x\n';
    const file = await writeTrace('line-count.csv', content);

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_TIME');
    expect(error.message).toContain(", row 2 (line 5), column 'time': 'April 4' is not");
  });

  it('rejects an empty time', async () => {
    const file = await writeTrace('empty-time.csv', 'id,created_at\na,1680620628\nb,\n');

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_TIME');
    expect(error.message).toBe(
      `trace file '${file}', row 2 (line 3), column 'created_at': ` +
        'the time is missing; give every row a time',
    );
  });

  it('rejects JSON rows without a valid time', async () => {
    const file = await writeTrace('json-time.jsonl', '{"time":1}\n\n{"id":2}\n');
    const wrongType = await writeTrace('json-type.jsonl', '{"time":1}\n{"time":true}\n');

    const missing = await loadError(file);
    const invalid = await loadError(wrongType);

    expect(missing.code).toBe('PVP_TRACE_TIME');
    expect(missing.message).toContain(`'${file}', row 2 (line 3), column 'time': the time is`);
    expect(invalid.code).toBe('PVP_TRACE_TIME');
    expect(invalid.message).toContain(`row 2 (line 2), column 'time': true is not an ISO 8601`);
  });

  it.each([
    ['array.jsonl', '{"time":1}\n[1,2]\n', 2, 'is [1,2], not a JSON object'],
    ['number.jsonl', '{"time":1}\n\n42\n', 3, 'is 42, not a JSON object'],
    ['null.ndjson', 'null\n', 1, 'is null, not a JSON object'],
    ['broken.jsonl', '{"time":1}\n{"time":\n', 2, 'is not valid JSON ('],
    ['csv.json', 'time,id\n1,2\n', 1, 'is not valid JSON ('],
  ])('rejects JSON-lines %s', async (name, content, line, problem) => {
    const file = await writeTrace(name, content);

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_FORMAT');
    expect(error.message).toContain(`trace file '${file}', line ${line} ${problem}`);
    expect(error.message).toContain('write one JSON object per line');
  });

  it('rejects an unclosed CSV quote', async () => {
    const content = 'time,place\n1680620628,x\n1680620629,"open\n1680620630,y\n';
    const file = await writeTrace('unclosed.csv', content);

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_FORMAT');
    expect(error.message).toBe(
      `trace file '${file}' is not valid CSV: a quoted field opened on line 3 or later is ` +
        'never closed; add the closing quote',
    );
  });

  it('rejects a stray CSV quote', async () => {
    const file = await writeTrace('stray.csv', 'time,place\n1680620628,x\n1680620629,"a"b\n');

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_FORMAT');
    expect(error.message).toContain(`trace file '${file}' is not valid CSV near line 3: `);
    expect(error.message).toContain('check the quotes on that line and the lines before it');
  });

  it('rejects a wrong CSV field count', async () => {
    const file = await writeTrace(
      'fields.csv',
      'time,place\n1680620628,x\n1680620629,7km NW, CA\n',
    );

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_FORMAT');
    expect(error.message).toBe(
      `trace file '${file}', row 2 (line 3): has 3 fields but the header has 2 columns; ` +
        'give each row one field per column and quote fields that contain commas',
    );
  });

  it('rejects a repeated CSV column', async () => {
    const file = await writeTrace('repeated.csv', 'time,id,id\n1680620628,a,b\n');

    const error = await loadError(file);

    expect(error.code).toBe('PVP_TRACE_FORMAT');
    expect(error.message).toBe(
      `trace file '${file}', line 1: the header names column 'id' twice; rename one of them`,
    );
  });
});
