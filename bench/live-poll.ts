import autocannon from 'autocannon';
import { request } from 'undici';
import type { Figure } from './figures.ts';
import { summaryFigure } from './figures.ts';
import { ServerChild } from './live-child.ts';
import { POLL_PATH } from './live-fixture.ts';
import type { PollLoad, Profile } from './profiles.ts';

/** The two poll servers: the producer's API and the bare fastify route that copies its response. */
type PollServer = 'producer' | 'bare';

const KINDS = { producer: 'producer', bare: 'bare-poll' } as const;
const LABELS: Record<PollServer, string> = { producer: 'producer', bare: 'bare fastify route' };

/** The throughput, latency and CPU cost of one server in one round. */
interface PollSample {
  readonly requestsPerSecond: number;
  /** Latency percentiles in ms, as autocannon records them. */
  readonly p50: number;
  readonly p99: number;
  /** The server process's CPU time per completed request, in µs. */
  readonly cpuMicros: number;
}

/** Figures of one poll server, each the median over the rounds. */
export interface PollServerFigures {
  readonly rate: Figure;
  readonly p50: Figure;
  readonly p99: Figure;
  readonly cpu: Figure;
}

export interface PollFigures {
  readonly producer: PollServerFigures;
  readonly bare: PollServerFigures;
  /** The producer's requests/s over the bare route's, per round. */
  readonly ratio: Figure;
  /**
   * The producer's requests per second of server CPU over the bare route's, per round: the
   * ratio of their rates if the server's CPU were the only limit.
   */
  readonly cpuRatio: Figure;
}

type Servers = Record<PollServer, { readonly server: ServerChild; readonly url: string }>;

/**
 * Loads the producer's `GET /events` and a bare fastify route that sends the same bytes with
 * autocannon, from this process, while each server runs in a process of its own. Rounds
 * alternate which server goes first, and the ratio comes from the two loads of one round.
 */
export async function benchPoll(profile: Profile): Promise<PollFigures> {
  const servers = await startServers();

  try {
    await checkSameResponse(servers);
    await warmUp(servers, profile.poll);

    const rounds: Record<PollServer, PollSample>[] = [];
    for (let round = 0; round < profile.poll.rounds; round++) {
      const order: PollServer[] = round % 2 === 0 ? ['producer', 'bare'] : ['bare', 'producer'];
      rounds.push(await runRound(servers, profile.poll, order));
    }
    return pollFigures(rounds, profile.poll);
  } finally {
    await Promise.all([servers.producer.server.close(), servers.bare.server.close()]);
  }
}

/** Starts both servers at once; if one fails to start, closes the other before throwing. */
async function startServers(): Promise<Servers> {
  const [producer, bare] = await Promise.allSettled([
    ServerChild.start(KINDS.producer),
    ServerChild.start(KINDS.bare),
  ]);

  if (producer.status === 'fulfilled' && bare.status === 'fulfilled') {
    return { producer: producer.value, bare: bare.value };
  }
  for (const started of [producer, bare]) {
    if (started.status === 'fulfilled') await started.value.server.close();
  }
  throw producer.status === 'rejected' ? producer.reason : (bare as PromiseRejectedResult).reason;
}

/** Headers that differ between any two responses and so are left out of the comparison. */
const VARYING_HEADERS = new Set(['date']);

/**
 * Fails unless both servers send the same status, headers and body bytes for the poll, because
 * the baseline only means something while it does the same I/O as the producer.
 */
async function checkSameResponse(servers: Servers): Promise<void> {
  const [producer, bare] = await Promise.all([
    fetchResponse(servers.producer.url),
    fetchResponse(servers.bare.url),
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

/** Loads each server once without measuring, so that the timed rounds run optimized code. */
async function warmUp(servers: Servers, load: PollLoad): Promise<void> {
  for (const name of ['producer', 'bare'] as const) {
    const result = await runAutocannon(servers[name].url, load.connections, load.warmUpSeconds);
    checkResult(result, name);
  }
}

async function runRound(
  servers: Servers,
  load: PollLoad,
  order: readonly PollServer[],
): Promise<Record<PollServer, PollSample>> {
  const samples: Partial<Record<PollServer, PollSample>> = {};
  for (const name of order) samples[name] = await loadServer(servers, name, load);

  return { producer: samples.producer as PollSample, bare: samples.bare as PollSample };
}

/** Runs one load on a server, with the server's CPU time read just before and just after it. */
async function loadServer(servers: Servers, name: PollServer, load: PollLoad): Promise<PollSample> {
  const { server, url } = servers[name];

  await server.mark();
  const result = await runAutocannon(url, load.connections, load.seconds);
  const cpuMicros = await server.measure();
  checkResult(result, name);

  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: cpuMicros / requests,
  };
}

function runAutocannon(
  baseUrl: string,
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  return autocannon({ url: `${baseUrl}${POLL_PATH}`, connections, duration: seconds });
}

/** Fails on any error or non-2xx response, since those requests are cheaper than real polls. */
function checkResult(result: autocannon.Result, name: PollServer): void {
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0 || result.requests.total === 0) {
    throw new Error(
      `autocannon against the ${LABELS[name]} completed ${result.requests.total} requests ` +
        `with ${result.errors} errors, ${result.timeouts} timeouts and ` +
        `${result.non2xx} non-2xx responses; expected only 2xx responses`,
    );
  }
}

function pollFigures(
  rounds: readonly Record<PollServer, PollSample>[],
  load: PollLoad,
): PollFigures {
  const size = describePollLoad(load);
  const ratios = rounds.map(
    (round) => round.producer.requestsPerSecond / round.bare.requestsPerSecond,
  );
  const cpuRatios = rounds.map((round) => round.bare.cpuMicros / round.producer.cpuMicros);

  return {
    producer: serverFigures(rounds, 'producer', size),
    bare: serverFigures(rounds, 'bare', size),
    ratio: {
      ...summaryFigure(`poll producer / bare fastify route: ${size}`, 'ratio', 'bigger', ratios),
      note: "each sample is one round's ratio of the two servers' requests/s",
    },
    cpuRatio: {
      ...summaryFigure(
        `poll producer / bare fastify route, requests per server CPU second: ${size}`,
        'ratio',
        'bigger',
        cpuRatios,
      ),
      note: "each sample is the bare route's server CPU per request over the producer's",
    },
  };
}

function serverFigures(
  rounds: readonly Record<PollServer, PollSample>[],
  name: PollServer,
  size: string,
): PollServerFigures {
  const samples = rounds.map((round) => round[name]);
  const label = `poll ${LABELS[name]}`;
  const closedLoop =
    'closed-loop: each connection sends its next request after the previous response';

  return {
    rate: {
      ...summaryFigure(
        `${label}: ${size}`,
        'requests/s',
        'bigger',
        samples.map((sample) => sample.requestsPerSecond),
      ),
      note: 'GET /events with no new events; autocannon in the parent process',
    },
    p50: {
      ...summaryFigure(
        `${label} latency p50, closed-loop: ${size}`,
        'ms',
        'smaller',
        samples.map((sample) => sample.p50),
      ),
      note: closedLoop,
    },
    p99: {
      ...summaryFigure(
        `${label} latency p99, closed-loop: ${size}`,
        'ms',
        'smaller',
        samples.map((sample) => sample.p99),
      ),
      note: closedLoop,
    },
    cpu: {
      ...summaryFigure(
        `${label} server CPU: ${size}`,
        'µs/request',
        'smaller',
        samples.map((sample) => sample.cpuMicros),
      ),
      note: "user and system time of the server's process over the load, per completed request",
    },
  };
}

/** Names a poll load's size, such as "100 connections x 5 s". */
export function describePollLoad(load: PollLoad): string {
  return `${load.connections} connections x ${load.seconds} s`;
}
