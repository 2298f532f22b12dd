const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/**
 * Formats milliseconds in the largest unit that keeps the number at 1 or more, with three
 * significant digits: `0.25 ms`, `50 ms`, `12.3 s`, `1.5 min`, `2.4 h`, `1.2 d`.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 ms';

  for (const [unit, size] of UNITS) {
    if (ms >= size) return `${significant(ms / size)} ${unit}`;
  }

  return `${significant(ms)} ms`;
}

/** Formats a count with thousands separators, the same on every machine. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Formats a byte count in kB, MB or GB (powers of 1,000) above 1,000 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000_000) return `${significant(bytes / 1_000_000_000)} GB`;
  if (bytes >= 1_000_000) return `${significant(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${significant(bytes / 1_000)} kB`;
  return `${bytes} B`;
}

/**
 * Formats a share such as 0.951 as `95.1%`. A share just under 1 keeps enough decimals not to
 * read as `100.0%`, which would claim that no call at all was useful.
 */
export function formatPercent(share: number): string {
  const percent = share * 100;
  if (share < 1 && percent.toFixed(1) === '100.0') return `${Math.min(percent, 99.99).toFixed(2)}%`;
  return `${percent.toFixed(1)}%`;
}

/** Rounds to three significant digits, with thousands separators above 1,000. */
function significant(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** Breaks `text` into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';

  for (const word of joinUnits(text.split(' '))) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }

  lines.push(line);
  return lines.join('\n');
}

const UNIT_WORDS = new Set([
  'ms',
  's',
  's,',
  's.',
  'min',
  'min,',
  'min.',
  'h',
  'h,',
  'h.',
  'd',
  'd,',
  'd.',
]);

/** Keeps a number and its unit on one line by joining a unit to the word before it. */
function joinUnits(words: string[]): string[] {
  const joined: string[] = [];
  for (const word of words) {
    const last = joined.length - 1;
    if (UNIT_WORDS.has(word) && last >= 0) joined[last] = `${joined[last]} ${word}`;
    else joined.push(word);
  }
  return joined;
}

/**
 * Formats one latency figure of a result, or `-` when no event reached a consumer: then there
 * is no latency, and 0 ms would read as instant.
 */
export function formatLatency(
  result: { readonly events: { readonly notified: number } },
  ms: number,
): string {
  return result.events.notified === 0 ? '-' : formatDuration(ms);
}
