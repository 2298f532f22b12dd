import { request } from 'undici';
import { POLL_ETAG, POLL_PATH } from './live-fixture.ts';
import type { LoadComparison, LoadFigures } from './live-load.ts';
import { compareLoads } from './live-load.ts';
import type { Profile } from './profiles.ts';

/** The two poll servers: the producer's API and the bare fastify route that copies its response. */
type PollServer = 'producer' | 'bare';

export type PollFigures = LoadFigures<PollServer>;

const POLL: LoadComparison<PollServer> = {
  group: 'poll',
  tasks: ['producer', 'bare'],
  targets: {
    producer: {
      label: 'producer',
      server: 'producer',
      method: 'GET',
      path: POLL_PATH,
      status: 200,
      description: 'GET /events with no new events',
    },
    bare: {
      label: 'bare fastify route',
      server: 'bare-poll',
      method: 'GET',
      path: POLL_PATH,
      status: 200,
      description: 'GET /events returning the same bytes, precomputed',
    },
  },
  check: checkSameResponse,
};

/**
 * Loads the producer's `GET /events` and a bare fastify route that sends the same bytes with
 * autocannon, from this process, while each server runs in a process of its own.
 */
export function benchPoll(profile: Profile): Promise<PollFigures> {
  return compareLoads(POLL, profile.poll);
}

/**
 * The conditional poll and the full poll: the same `GET /events` to the producer, with and
 * without the `If-None-Match` that names its current `ETag`.
 */
type ConditionalPoll = 'conditional' | 'full';

export type ConditionalFigures = LoadFigures<ConditionalPoll>;

const CONDITIONAL: LoadComparison<ConditionalPoll> = {
  group: 'conditional poll',
  tasks: ['conditional', 'full'],
  targets: {
    conditional: {
      label: '304',
      server: 'producer',
      method: 'GET',
      path: POLL_PATH,
      headers: { 'if-none-match': POLL_ETAG },
      status: 304,
      description:
        'producer: GET /events with the current ETag in If-None-Match, returning 304 with no body',
    },
    full: {
      label: 'full 200',
      server: 'producer',
      method: 'GET',
      path: POLL_PATH,
      status: 200,
      description:
        'producer: the same GET /events without If-None-Match, returning 200 with a body',
    },
  },
};

/**
 * Loads one producer process with conditional polls, which get 304, and with the same polls
 * made unconditional, which get 200 with the body, in alternating rounds.
 */
export function benchConditional(profile: Profile): Promise<ConditionalFigures> {
  return compareLoads(CONDITIONAL, profile.conditional);
}

/** Headers that differ between any two responses and so are left out of the comparison. */
const VARYING_HEADERS = new Set(['date']);

/**
 * Fails unless both servers send the same status, headers and body bytes for the poll, because
 * the baseline only means something while it does the same I/O as the producer.
 */
async function checkSameResponse(urls: Readonly<Record<PollServer, string>>): Promise<void> {
  const [producer, bare] = await Promise.all([
    fetchResponse(urls.producer),
    fetchResponse(urls.bare),
  ]);

  if (producer !== bare) {
    throw new Error(
      `the bare route must respond to ${POLL_PATH} as the producer does\n` +
        `producer: ${producer}\nbare route: ${bare}`,
    );
  }
}

/** Returns a response's status, headers (sorted, without `date`) and body as one string. */
async function fetchResponse(baseUrl: string): Promise<string> {
  const response = await request(`${baseUrl}${POLL_PATH}`);
  const body = await response.body.text();
  const headers = Object.entries(response.headers)
    .filter(([name]) => !VARYING_HEADERS.has(name))
    .map(([name, value]) => `${name}: ${String(value)}`)
    .sort();

  return [String(response.statusCode), ...headers, body].join('\n');
}
