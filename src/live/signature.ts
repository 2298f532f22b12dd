import type { KeyObject } from 'node:crypto';
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures: `webhook-signature` is `v1,` followed by the base64
 * HMAC-SHA256 of `id.timestamp.body` under the secret, where the body is the raw bytes sent.
 * Node's crypto computes it; tests check that the standardwebhooks package accepts what this
 * signs and that this accepts what the package signs.
 */

/** Seconds a timestamp may differ from the receiver's clock, in either direction. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

const SECRET_PREFIX = 'whsec_';

export interface SignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** Outcome of a signature check, as data, so the receiver can count each kind of failure. */
export type VerifyResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'missing-headers' | 'bad-timestamp' | 'too-old' | 'too-new' | 'mismatch';
    };

/** Creates a random secret in the `whsec_` form: 24 random bytes in base64. */
export function createSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

/** Computes the `v1,` signature of `body` sent with message `id` at `timestamp` (Unix seconds). */
export function sign(secret: string, id: string, timestamp: number, body: Uint8Array): string {
  return signWithKey(secretKey(secret), id, timestamp, body);
}

/** Decodes a secret once into a key, for a sender that signs many messages with it. */
export function secretKeyObject(secret: string): KeyObject {
  return createSecretKey(secretKey(secret));
}

/** Computes the `v1,` signature as `sign` does, with a key already decoded. */
export function signWithKey(
  key: KeyObject | Buffer,
  id: string,
  timestamp: number,
  body: Uint8Array,
): string {
  const hmac = createHmac('sha256', key);
  hmac.update(`${id}.${timestamp}.`);
  hmac.update(body);
  return `v1,${hmac.digest('base64')}`;
}

/** Builds the three headers that sign `body`. */
export function signatureHeaders(
  secret: string,
  id: string,
  timestamp: number,
  body: Uint8Array,
): SignatureHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}

type HeaderValue = string | string[] | undefined;

/**
 * Checks the signature of the raw `body` bytes as received, before any parsing, because a body
 * parsed and serialised again may differ in spacing or escapes and then fail to verify.
 * `now` is the receiver's clock in Unix seconds.
 */
export function verify(
  secret: string,
  headers: Readonly<Record<string, HeaderValue>>,
  body: Uint8Array,
  now: number,
): VerifyResult {
  const id = single(headers['webhook-id']);
  const timestampText = single(headers['webhook-timestamp']);
  const signatures = single(headers['webhook-signature']);
  if (id === undefined || timestampText === undefined || signatures === undefined) {
    return { ok: false, reason: 'missing-headers' };
  }

  const timestamp = Number(timestampText);
  if (!/^\d+$/.test(timestampText)) return { ok: false, reason: 'bad-timestamp' };
  if (now - timestamp > TIMESTAMP_TOLERANCE_S) return { ok: false, reason: 'too-old' };
  if (timestamp - now > TIMESTAMP_TOLERANCE_S) return { ok: false, reason: 'too-new' };

  const expected = Buffer.from(sign(secret, id, timestamp, body));
  const matches = signatures.split(' ').some((candidate) => sameBytes(expected, candidate));
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** Compares in constant time, so the time taken does not reveal how much of a guess matched. */
function sameBytes(expected: Buffer, candidate: string): boolean {
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
