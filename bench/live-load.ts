import autocannon from 'autocannon';
import { request } from 'undici';
import type { Figure } from './figures.ts';
import { summaryFigure } from './figures.ts';
import type { ServerKind } from './live-child.ts';
import { ServerChild } from './live-child.ts';
import type { HttpLoad } from './profiles.ts';
import type { Round, TaskPair } from './rounds.ts';
import { pairedRatios, pairNote, runRounds, samplesOf } from './rounds.ts';

/** One kind of request that a comparison sends, and the server process that serves it. */
export interface LoadTarget {
  /** The target's name in figure names, such as "producer" or "bare fastify route". */
  readonly label: string;
  /** Targets of the same kind share one server process. */
  readonly server: ServerKind;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** The status that every response must have; any other fails the benchmark. */
  readonly status: number;
  /** The requests that the target's rate figure counts, for its note. */
  readonly description: string;
}

/** The throughput, latency and server CPU cost of one target in one round. */
export interface LoadSample {
  readonly requestsPerSecond: number;
  /** Latency percentiles in ms, as autocannon records them: whole ms, closed-loop. */
  readonly p50: number;
  readonly p99: number;
  /** The server process's CPU time per completed request, in µs. */
  readonly cpuMicros: number;
}

/** Figures of one target, each the median over the rounds. */
export interface TargetFigures {
  readonly rate: Figure;
  readonly p50: Figure;
  readonly p99: Figure;
  readonly cpu: Figure;
}

/** Figures of a two-target comparison. */
export interface LoadFigures<K extends string> {
  readonly targets: Readonly<Record<K, TargetFigures>>;
  /** The first target's requests/s over the second's, per pair of rounds. */
  readonly ratio: Figure;
  /**
   * The first target's requests per server CPU second over the second's, per pair of rounds:
   * the ratio of their rates if the server's CPU were the only limit.
   */
  readonly cpuRatio: Figure;
}

/** A comparison: a figure-name prefix, two targets, and the first round's order. */
export interface LoadComparison<K extends string> {
  /** The first word of every figure name, such as "poll". */
  readonly group: string;
  readonly targets: Readonly<Record<K, LoadTarget>>;
  /** The target whose rate is the ratio's numerator comes first. */
  readonly tasks: TaskPair<K>;
  /** Checks the servers' responses before any load, beyond each target's status. */
  readonly check?: (urls: Readonly<Record<K, string>>) => Promise<void>;
}

/** The kind of process that runs each server, with its base URL. */
type Servers = Map<ServerKind, { readonly server: ServerChild; readonly url: string }>;

/** autocannon's sample interval, in ms; a load ends at the first sample after its duration. */
const SAMPLE_INTERVAL_MS = 100;

/** Real ms one request may take before autocannon counts it as timed out, and the run fails. */
const REQUEST_TIMEOUT_S = 10;

/**
 * Loads two targets with autocannon from this process, while each server runs in a process
 * of its own, in rounds that alternate which target goes first (see rounds.ts). Every load is
 * bounded in time, and every server process is closed when the comparison ends.
 */
export async function compareLoads<K extends string>(
  comparison: LoadComparison<K>,
  load: HttpLoad,
): Promise<LoadFigures<K>> {
  const kinds = new Set(comparison.tasks.map((task) => comparison.targets[task].server));
  const servers = await startServers([...kinds]);

  try {
    const urls = {} as Record<K, string>;
    for (const task of comparison.tasks) urls[task] = baseUrl(servers, comparison.targets[task]);

    for (const task of comparison.tasks) await checkStatus(comparison.targets[task], urls[task]);
    await comparison.check?.(urls);

    const rounds = await runRounds<K, LoadSample>({
      tasks: comparison.tasks,
      rounds: load.rounds,
      warmUp: (task) => warmUp(comparison.targets[task], urls[task], load),
      measure: (task) => loadTarget(servers, comparison.targets[task], load),
    });
    return loadFigures(comparison, rounds, load);
  } finally {
    await Promise.all([...servers.values()].map(({ server }) => server.close()));
  }
}

/** Starts one server process per kind, all at once; on a failure, closes the ones started. */
async function startServers(kinds: readonly ServerKind[]): Promise<Servers> {
  const started = await Promise.allSettled(kinds.map((kind) => ServerChild.start(kind)));
  const servers: Servers = new Map();

  started.forEach((result, index) => {
    if (result.status === 'fulfilled') servers.set(kinds[index] as ServerKind, result.value);
  });

  const failed = started.find((result) => result.status === 'rejected');
  if (failed === undefined) return servers;

  await Promise.all([...servers.values()].map(({ server }) => server.close()));
  throw (failed as PromiseRejectedResult).reason;
}

function baseUrl(servers: Servers, target: LoadTarget): string {
  const running = servers.get(target.server);
  if (running === undefined) throw new Error(`the ${target.server} server was not started`);
  return running.url;
}

/** Sends the target's request once and fails unless it gets the target's status. */
async function checkStatus(target: LoadTarget, url: string): Promise<void> {
  const response = await request(`${url}${target.path}`, {
    method: target.method,
    headers: target.headers,
    body: target.body,
  });
  const body = await response.body.text();

  if (response.statusCode !== target.status) {
    throw new Error(
      `${target.method} ${target.path} on the ${target.label} returned ` +
        `${response.statusCode}, expected ${target.status}: ${body.slice(0, 200)}`,
    );
  }
}

/** Loads a target once without measuring, so that the timed rounds run optimized code. */
async function warmUp(target: LoadTarget, url: string, load: HttpLoad): Promise<void> {
  const result = await runAutocannon(target, url, load.connections, load.warmUpSeconds);
  checkResult(result, target);
}

/** Runs one load on a target, with its server's CPU time read just before and just after. */
async function loadTarget(
  servers: Servers,
  target: LoadTarget,
  load: HttpLoad,
): Promise<LoadSample> {
  const running = servers.get(target.server);
  if (running === undefined) throw new Error(`the ${target.server} server was not started`);

  await running.server.mark();
  const result = await runAutocannon(target, running.url, load.connections, load.seconds);
  const cpuMicros = await running.server.measure();
  checkResult(result, target);

  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / loadSeconds(result),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: cpuMicros / requests,
  };
}

/** Returns the load's length from autocannon's start and finish times, to the ms. */
function loadSeconds(result: autocannon.Result): number {
  const ms = result.finish.getTime() - result.start.getTime();
  return ms > 0 ? ms / 1000 : result.duration;
}

function runAutocannon(
  target: LoadTarget,
  url: string,
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}${target.path}`,
    method: target.method,
    headers: target.headers === undefined ? undefined : { ...target.headers },
    body: target.body,
    connections,
    duration: seconds,
    sampleInt: SAMPLE_INTERVAL_MS,
    timeout: REQUEST_TIMEOUT_S,
  });
}

/**
 * Fails on any connection error, timeout or response with another status than the target's,
 * because such requests cost a server less than the ones the figure is about.
 */
function checkResult(result: autocannon.Result, target: LoadTarget): void {
  const total = result.requests.total;
  const expected = result.statusCodeStats?.[`${target.status}`]?.count ?? 0;
  const other = Math.max(0, total - expected);

  if (result.errors + result.timeouts + other > 0 || total === 0) {
    throw new Error(
      `autocannon against the ${target.label} completed ${total} requests with ` +
        `${result.errors} errors, ${result.timeouts} timeouts and ${other} responses other ` +
        `than ${target.status}; expected only ${target.status} responses`,
    );
  }
}

function loadFigures<K extends string>(
  comparison: LoadComparison<K>,
  rounds: readonly Round<K, LoadSample>[],
  load: HttpLoad,
): LoadFigures<K> {
  const size = describeHttpLoad(load);
  const [first, second] = comparison.tasks;
  const { group, targets } = comparison;
  const pairName = `${group} ${targets[first].label} / ${targets[second].label}`;
  const perCpuSecond = (sample: LoadSample) => 1 / sample.cpuMicros;

  const figures = {} as Record<K, TargetFigures>;
  for (const task of comparison.tasks) {
    figures[task] = targetFigures(
      group,
      targets[task],
      samplesOf(rounds, task, (s) => s),
      size,
    );
  }

  return {
    targets: figures,
    ratio: {
      ...summaryFigure(
        `${pairName}: ${size}`,
        'ratio',
        'bigger',
        pairedRatios(rounds, first, second, (sample) => sample.requestsPerSecond),
      ),
      note: pairNote('the two requests/s'),
    },
    cpuRatio: {
      ...summaryFigure(
        `${pairName}, requests per server CPU second: ${size}`,
        'ratio',
        'bigger',
        pairedRatios(rounds, first, second, perCpuSecond),
      ),
      note: pairNote('requests per second of server CPU'),
    },
  };
}

const CLOSED_LOOP =
  'closed-loop: each connection sends its next request after the previous response, so a ' +
  'stall delays the requests behind it instead of showing in their latency';

function targetFigures(
  group: string,
  target: LoadTarget,
  samples: readonly LoadSample[],
  size: string,
): TargetFigures {
  const label = `${group} ${target.label}`;
  const values = (pick: (sample: LoadSample) => number) => samples.map(pick);

  return {
    rate: {
      ...summaryFigure(
        `${label}: ${size}`,
        'requests/s',
        'bigger',
        values((s) => s.requestsPerSecond),
      ),
      note: `${target.description}; autocannon in the parent process`,
    },
    p50: {
      ...summaryFigure(
        `${label} latency p50, closed-loop: ${size}`,
        'ms',
        'smaller',
        values((s) => s.p50),
      ),
      note: CLOSED_LOOP,
    },
    p99: {
      ...summaryFigure(
        `${label} latency p99, closed-loop: ${size}`,
        'ms',
        'smaller',
        values((s) => s.p99),
      ),
      note: CLOSED_LOOP,
    },
    cpu: {
      ...summaryFigure(
        `${label} server CPU: ${size}`,
        'µs/request',
        'smaller',
        values((s) => s.cpuMicros),
      ),
      note: "user and system time of the server's process over the load, per completed request",
    },
  };
}

/** Names an HTTP load's size, such as "100 connections x 2 s". */
export function describeHttpLoad(load: HttpLoad): string {
  return `${load.connections} connections x ${load.seconds} s`;
}
