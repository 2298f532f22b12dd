import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PollRequest, PollResponse, ProducerState } from '../model/producer.ts';
import { etagOf, handlePoll } from '../model/producer.ts';
import type { ProducerGate } from '../model/producer-gate.ts';
import type { HeldPolls } from './held-polls.ts';
import { sendError } from './http-server.ts';
import { readScenarioTime, SCENARIO_TIME_HEADER } from './scenario-time.ts';

/** The header with the poll interval the producer requests, in whole seconds, as GitHub sends. */
export const POLL_INTERVAL_HEADER = 'x-poll-interval';

/** The consumer id of a poll that names none; such polls share one rate-limit quota. */
const ANONYMOUS = -1;

export interface PollRouteOptions {
  readonly state: ProducerState;
  /** The producer's clock in scenario time, ms since the Unix epoch. */
  readonly now: () => number;
  /** Turns polls away during outages and over the rate limit; without it, none is. */
  readonly gate?: ProducerGate | undefined;
  /** Holds long polls; without it, `hold` is ignored and every poll gets its response at once. */
  readonly heldPolls?: HeldPolls | undefined;
}

/** Query parameters as fastify parses them: a repeated parameter arrives as an array. */
interface PollQuery {
  cursor?: string | string[];
  keys?: string | string[];
  consumer?: string | string[];
  hold?: string | string[];
}

/** A poll as the route reads it from the HTTP request. */
interface ParsedPoll {
  readonly consumer: number;
  readonly request: PollRequest;
  /** The scenario time at which the poll reaches the producer. */
  readonly arrival: number;
  readonly ifNoneMatch: string | undefined;
}

interface InvalidQuery {
  readonly code: string;
  readonly message: string;
}

/**
 * Serves `GET /events?cursor=N&keys=a,b&consumer=C&hold=MS`. The gate may turn the poll away
 * with 429 or 503 and a `Retry-After`. A poll with `hold` (scenario ms) and nothing new for its
 * keys is held until news comes or the hold ends, as in the simulator. Every response has an
 * `ETag`, and a matching `If-None-Match` with nothing new gets a 304 with no body. Returns
 * `undefined` for a held poll, whose response is sent later.
 */
export function pollRoute(
  options: PollRouteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  const poll = parsePoll(options, request);
  if ('code' in poll) return sendError(reply, 400, poll.code, poll.message);

  const refused = options.gate?.refuse(poll.consumer, poll.request, poll.arrival);
  if (refused !== undefined) return sendRefusal(reply, poll, refused);

  const response = handlePoll(options.state, poll.request, poll.arrival);
  const heldPolls = options.heldPolls;
  if (heldPolls !== undefined && poll.request.hold !== undefined && response.events.length === 0) {
    holdPoll(heldPolls, options, poll, request, reply);
    return undefined;
  }

  return sendResponse(reply, options, poll, response, poll.arrival);
}

function parsePoll(options: PollRouteOptions, request: FastifyRequest): ParsedPoll | InvalidQuery {
  const query = request.query as PollQuery;

  const cursor = parseCursor(query.cursor);
  if (cursor === undefined) return invalid('cursor', query.cursor);

  const consumer = query.consumer === undefined ? ANONYMOUS : parseWholeNumber(query.consumer);
  if (consumer === undefined) return invalid('consumer', query.consumer);

  const hold = query.hold === undefined ? 0 : parseWholeNumber(query.hold);
  if (hold === undefined) return invalid('hold', query.hold);

  const keys = parseKeys(query.keys);
  const arrival = readScenarioTime(request.headers[SCENARIO_TIME_HEADER]) ?? options.now();
  return {
    consumer,
    request: { cursor, keys, hold: hold > 0 ? hold : undefined },
    arrival,
    ifNoneMatch: request.headers['if-none-match'],
  };
}

function invalid(name: string, value: unknown): InvalidQuery {
  return {
    code: `invalid_${name}`,
    message: `${name} must be a whole number >= 0, got '${String(value)}'`,
  };
}

/**
 * Reads the cursor, 0 when absent. Only digits count, so `0x10`, `1e3` and a blank value are
 * invalid.
 */
export function parseCursor(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return 0;
  return parseWholeNumber(value);
}

function parseWholeNumber(value: string | string[]): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;

  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * Reads `keys=a,b`. A repeated `keys` parameter adds its keys to the same list. An absent
 * parameter means every key, while an empty one (`keys=`) means none.
 */
export function parseKeys(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [value]
    .flat()
    .flatMap((list) => list.split(','))
    .filter((key) => key !== '');
}

/**
 * Holds a long poll until `heldPolls` ends it: with the response as of the time news came or
 * the hold ran out, or by destroying the socket, which the client sees as a connection closed
 * with no response. A client that goes away first releases its place.
 */
function holdPoll(
  heldPolls: HeldPolls,
  options: PollRouteOptions,
  poll: ParsedPoll,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const release = heldPolls.hold({
    request: poll.request,
    arrival: poll.arrival,
    respond: (time) => {
      sendResponse(reply, options, poll, handlePoll(options.state, poll.request, time), time);
    },
    cut: () => {
      // Fastify must not try to reply to, or log, a request whose socket is gone on purpose.
      reply.hijack();
      request.raw.socket.destroy();
    },
  });
  reply.raw.on('close', release);
}

/** Sends a poll's response as of scenario time `time`, with its headers; 304 when unchanged. */
function sendResponse(
  reply: FastifyReply,
  options: PollRouteOptions,
  poll: ParsedPoll,
  response: PollResponse,
  time: number,
): FastifyReply {
  const annotated = options.gate?.annotate(response) ?? response;
  const etag = etagOf(annotated.cursor);

  reply.header('etag', etag);
  setCommonHeaders(reply, annotated, time);
  if (matchesAny(poll.ifNoneMatch, etag) && annotated.events.length === 0) {
    // A 304 does not count against the rate limit, as in the simulator.
    options.gate?.refund(poll.consumer);
    return reply.code(304).send();
  }
  return reply.send({ events: annotated.events, cursor: annotated.cursor });
}

/** Sends the gate's 429 or 503 with its `Retry-After` and a JSON error with the reason. */
function sendRefusal(reply: FastifyReply, poll: ParsedPoll, refused: PollResponse): FastifyReply {
  setCommonHeaders(reply, refused, poll.arrival);
  if (refused.retryAfter !== undefined) reply.header('retry-after', refused.retryAfter);

  const wait = describeRetryAfter(refused.retryAfter);
  if (refused.status === 429) {
    const message = `consumer ${poll.consumer} is over the rate limit; retry ${wait}`;
    return sendError(reply, 429, 'rate_limited', message);
  }
  return sendError(reply, refused.status, 'unavailable', `the producer is down; retry ${wait}`);
}

/**
 * Sets the headers of every response: the scenario time it is as of, which a live client uses
 * to place the response on its own clock, and the poll interval the producer requests, if any.
 */
function setCommonHeaders(reply: FastifyReply, response: PollResponse, time: number): void {
  reply.header(SCENARIO_TIME_HEADER, String(time));
  if (response.pollInterval !== undefined) {
    reply.header(POLL_INTERVAL_HEADER, response.pollInterval);
  }
}

function describeRetryAfter(value: string | undefined): string {
  if (value === undefined) return 'later';
  return /^\d+$/.test(value) ? `after ${value} s` : `after ${value}`;
}

/**
 * Tells whether an `If-None-Match` header matches `etag`. RFC 9110 compares entity tags weakly
 * here, so a `W/` prefix is ignored; the header may list several tags, or be `*`.
 */
function matchesAny(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
