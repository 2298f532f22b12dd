/**
 * Webhook bodies whose bytes change when parsed and serialised again, or that contain multi-byte
 * text. Each one is a valid push message, so a receiver accepts it once the signature matches.
 */
export interface SampleBody {
  readonly name: string;
  readonly bytes: Buffer;
}

function sample(name: string, text: string): SampleBody {
  return { name, bytes: Buffer.from(text, 'utf8') };
}

export const SPACED_BODY = sample('spaced', '{ "subscription" : 1,\n  "events" : [ ] }');

/** `\u003c` and `\u003e` stay escaped in the bytes, as some serialisers send `<` and `>`. */
export const ESCAPED_BODY = sample(
  'escaped',
  String.raw`{"subscription":1,"events":[{"seq":1,"time":0,"key":"a","payload":"\u003cb\u003e"}]}`,
);

export const EMOJI_BODY = sample(
  'multi-byte',
  '{"subscription":1,"events":[{"seq":1,"time":0,"key":"café","payload":"launch 🚀"}]}',
);

export const SAMPLE_BODIES: readonly SampleBody[] = [SPACED_BODY, ESCAPED_BODY, EMOJI_BODY];

/** A fixed receiver clock in Unix seconds, so timestamp windows do not depend on real time. */
export const NOW_SECONDS = 1_700_000_000;

/** Seconds in 4 minutes 59 seconds and in 5 minutes 1 second: just inside and outside 5 min. */
export const JUST_INSIDE_S = 4 * 60 + 59;
export const JUST_OUTSIDE_S = 5 * 60 + 1;

/** Returns the body parsed and serialised again, as a JSON library in between would. */
export function reserialise(bytes: Buffer): Buffer {
  return Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8'))), 'utf8');
}
