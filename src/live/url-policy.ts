import { isIP } from 'node:net';

/**
 * Tells why a webhook URL is not acceptable, or returns `undefined` when it is. Only http and
 * https URLs are accepted, and only on a loopback host unless `allowRemote` is set, so that a
 * test run cannot be pointed at another machine by mistake.
 */
export function checkWebhookUrl(value: unknown, allowRemote: boolean): string | undefined {
  if (typeof value !== 'string') return 'url is missing; send {"url": "http://127.0.0.1:PORT/..."}';

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `url '${value}' is not a valid URL`;
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `url '${value}' must use http or https, not ${url.protocol.replace(':', '')}`;
  }
  if (!allowRemote && !isLoopback(url.hostname)) {
    return `url '${value}' is not on a loopback host; use 127.0.0.1 or localhost, or start the producer with --allow-remote`;
  }

  return undefined;
}

/** Tells whether a URL host name is on this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}
