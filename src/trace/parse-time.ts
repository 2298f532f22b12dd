/**
 * Unix times of 1e11 or more are read as milliseconds and smaller ones as seconds. A date from
 * 1973-03-03 (1e11 ms) to 5138-11-16 (1e11 s) therefore reads the same in either unit. Earlier
 * dates in milliseconds and later dates in seconds are misread.
 */
export const UNIX_MILLISECONDS_THRESHOLD = 1e11;

/** The largest time a JavaScript `Date` can hold, in ms from the Unix epoch either way. */
const MAX_DATE_MILLISECONDS = 8.64e15;

const UNIX_NUMBER_PATTERN = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The ISO 8601 extended calendar format: a date, then optionally `T`, a time to minutes,
 * seconds or a decimal fraction of a second, and an offset of `Z`, `±HH`, `±HHMM` or `±HH:MM`.
 */
const ISO_DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const ISO_TIME = String.raw`T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;
const ISO_OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`;
const ISO_8601_PATTERN = new RegExp(`^${ISO_DATE}(?:${ISO_TIME}${ISO_OFFSET}?)?$`);

/**
 * Parses a trace time into ms since the Unix epoch, or returns `undefined` when `value` is not
 * a time. It accepts a Unix time as a number or a numeric string (see `UNIX_MILLISECONDS_THRESHOLD`
 * for the unit) and an ISO 8601 string (see `parseIso8601`). Negative Unix times are rejected,
 * because a negative number of milliseconds would be misread as seconds.
 */
export function parseTraceTime(value: unknown): number | undefined {
  if (typeof value === 'number') return fromUnixTime(value);
  if (typeof value !== 'string') return undefined;

  const text = value.trim();
  if (UNIX_NUMBER_PATTERN.test(text)) return fromUnixTime(Number(text));
  return parseIso8601(text);
}

function fromUnixTime(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;

  const milliseconds = value >= UNIX_MILLISECONDS_THRESHOLD ? value : value * 1000;
  return milliseconds <= MAX_DATE_MILLISECONDS ? milliseconds : undefined;
}

/**
 * Parses an ISO 8601 date or date-time string, rejecting the looser forms that `Date.parse`
 * also takes, such as `April 4` or `2023/04/04`. A time without an offset is read as UTC. ISO
 * 8601 calls it local time, but a trace must load to the same events on every machine.
 */
export function parseIso8601(text: string): number | undefined {
  const match = ISO_8601_PATTERN.exec(text);
  if (match === null) return undefined;

  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const dayStart = utcDayStart(Number(year), Number(month), Number(day));
  const hours = Number(hour ?? 0);
  const minutes = Number(minute ?? 0);
  const seconds = Number(second ?? 0);
  const offsetMilliseconds = parseOffset(offset);
  if (dayStart === undefined || offsetMilliseconds === undefined) return undefined;
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;

  const timeOfDay =
    ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionToMilliseconds(fraction);
  return dayStart + timeOfDay - offsetMilliseconds;
}

/** Returns midnight UTC of the date in ms, or `undefined` for a date such as 2023-02-30. */
function utcDayStart(year: number, month: number, day: number): number | undefined {
  // `Date.UTC` maps years 0 to 99 onto 1900 to 1999, and `setUTCFullYear` does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);

  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? date.getTime() : undefined;
}

/** Converts an offset such as `Z`, `+02`, `-0530` or `+05:30` into ms ahead of UTC. */
function parseOffset(offset: string | undefined): number | undefined {
  if (offset === undefined || offset === 'Z') return 0;

  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;

  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Converts the digits after the decimal sign of the seconds into ms. */
function fractionToMilliseconds(fraction: string | undefined): number {
  if (fraction === undefined) return 0;

  // Moving the decimal point in the text keeps `.180` at exactly 180 ms, where
  // `0.180 * 1000` would carry a binary rounding error.
  const whole = fraction.slice(0, 3).padEnd(3, '0');
  return Number(`${whole}.${fraction.slice(3)}`);
}
