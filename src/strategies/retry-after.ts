/**
 * Reads a `Retry-After` header (RFC 9110): either whole seconds, or an HTTP date. Returns the
 * wait in ms from `now`, at least 0, or `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();

  if (/^\d+$/.test(text)) return Number(text) * 1000;

  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Writes a `Retry-After` header for a wait of `ms` from `now`. Both forms have whole seconds,
 * so the wait is rounded up: a client that honours the header then never comes back early.
 */
export function formatRetryAfter(ms: number, now: number, form: 'seconds' | 'date'): string {
  if (form === 'seconds') return String(Math.ceil(ms / 1000));
  return new Date(Math.ceil((now + ms) / 1000) * 1000).toUTCString();
}

/** Reads an `X-Poll-Interval` header, in whole seconds; returns ms or `undefined`. */
export function parsePollInterval(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value) * 1000;
}
