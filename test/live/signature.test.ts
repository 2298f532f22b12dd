import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { SignatureHeaders } from '../../src/live/signature.ts';
import { createSecret, signatureHeaders, verify } from '../../src/live/signature.ts';
import {
  EMOJI_BODY,
  ESCAPED_BODY,
  JUST_INSIDE_S,
  JUST_OUTSIDE_S,
  NOW_SECONDS,
  reserialise,
  SAMPLE_BODIES,
  SPACED_BODY,
} from './helpers/bodies.ts';

const SECRET = createSecret();
const ID = 'msg_1_1';

const realNowSeconds = () => Math.floor(Date.now() / 1000);

/** Builds the signature headers of `body` at `timestamp`, which defaults to the fixed clock. */
function signed(body: Uint8Array, timestamp = NOW_SECONDS, secret = SECRET): SignatureHeaders {
  return signatureHeaders(secret, ID, timestamp, body);
}

describe('signature interoperability', () => {
  it.each(SAMPLE_BODIES)('package verifies our $name body', ({ bytes }) => {
    const headers = signatureHeaders(SECRET, ID, realNowSeconds(), bytes);

    expect(() => new Webhook(SECRET).verify(bytes, { ...headers })).not.toThrow();
  });

  it.each(SAMPLE_BODIES)('verify accepts package $name body', ({ bytes }) => {
    const signature = new Webhook(SECRET).sign(ID, new Date(), bytes);
    const headers = {
      'webhook-id': ID,
      'webhook-timestamp': String(realNowSeconds()),
      'webhook-signature': signature,
    };

    expect(verify(SECRET, headers, bytes, realNowSeconds())).toEqual({ ok: true });
  });

  it('signs like the package', () => {
    const timestamp = realNowSeconds();
    const ours = signed(EMOJI_BODY.bytes, timestamp)['webhook-signature'];
    const theirs = new Webhook(SECRET).sign(ID, new Date(timestamp * 1000), EMOJI_BODY.bytes);

    expect(ours).toBe(theirs);
  });
});

describe('verify over raw bytes', () => {
  it.each(SAMPLE_BODIES)('accepts the $name body', ({ bytes }) => {
    expect(verify(SECRET, { ...signed(bytes) }, bytes, NOW_SECONDS)).toEqual({ ok: true });
  });

  it('emoji body is multi-byte', () => {
    // The rocket takes 4 bytes in UTF-8 and 2 UTF-16 code units, so bytes and text lengths differ.
    const text = EMOJI_BODY.bytes.toString('utf8');

    expect(EMOJI_BODY.bytes.length).toBeGreaterThan(text.length);
  });

  // A body parsed and serialised again loses its spacing and its escapes, so it no longer
  // matches the signature of the bytes that were sent.
  it.each([SPACED_BODY, ESCAPED_BODY])('rejects the $name body reserialised', ({ bytes }) => {
    const result = verify(SECRET, { ...signed(bytes) }, reserialise(bytes), NOW_SECONDS);

    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('reserialising changes the escaped body', () => {
    expect(reserialise(ESCAPED_BODY.bytes).toString('utf8')).toContain('"<b>"');
  });
});

describe('verify rejections', () => {
  const body = SPACED_BODY.bytes;

  it('rejects a wrong secret', () => {
    const headers = signed(body, NOW_SECONDS, createSecret());

    expect(verify(SECRET, { ...headers }, body, NOW_SECONDS)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('rejects an altered body', () => {
    const altered = Buffer.from(body.toString('utf8').replace('1', '2'), 'utf8');

    expect(verify(SECRET, { ...signed(body) }, altered, NOW_SECONDS)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('rejects a timestamp too old', () => {
    const headers = signed(body, NOW_SECONDS - JUST_OUTSIDE_S);

    expect(verify(SECRET, { ...headers }, body, NOW_SECONDS)).toEqual({
      ok: false,
      reason: 'too-old',
    });
  });

  it('rejects a timestamp too new', () => {
    const headers = signed(body, NOW_SECONDS + JUST_OUTSIDE_S);

    expect(verify(SECRET, { ...headers }, body, NOW_SECONDS)).toEqual({
      ok: false,
      reason: 'too-new',
    });
  });

  it('accepts 4m59s in the past', () => {
    const headers = signed(body, NOW_SECONDS - JUST_INSIDE_S);

    expect(verify(SECRET, { ...headers }, body, NOW_SECONDS)).toEqual({ ok: true });
  });

  it('accepts 4m59s in the future', () => {
    const headers = signed(body, NOW_SECONDS + JUST_INSIDE_S);

    expect(verify(SECRET, { ...headers }, body, NOW_SECONDS)).toEqual({ ok: true });
  });

  it('rejects missing headers', () => {
    const { 'webhook-signature': _omitted, ...headers } = signed(body);

    expect(verify(SECRET, headers, body, NOW_SECONDS)).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
  });

  it('rejects a fractional timestamp', () => {
    const headers = { ...signed(body), 'webhook-timestamp': '1700000000.5' };

    expect(verify(SECRET, headers, body, NOW_SECONDS)).toEqual({
      ok: false,
      reason: 'bad-timestamp',
    });
  });

  it('accepts any listed signature', () => {
    // A Standard Webhooks header may list several space-separated signatures, as during a
    // secret rotation.
    const old = signed(body, NOW_SECONDS, createSecret())['webhook-signature'];
    const current = signed(body)['webhook-signature'];
    const headers = { ...signed(body), 'webhook-signature': `${old} ${current}` };

    expect(verify(SECRET, headers, body, NOW_SECONDS)).toEqual({ ok: true });
  });
});
