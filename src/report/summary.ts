import type { StrategyResult } from '../metrics/result.ts';
import type { RunReport } from '../runtime/run.ts';
import { formatCount, formatDuration, formatPercent } from './format.ts';
import type { Style } from './style.ts';
import { PLAIN_STYLE } from './style.ts';

/** The marks a sentence puts on its parts: strategy names and key figures. */
interface Marks {
  name(result: StrategyResult): string;
  figure(text: string): string;
}

/**
 * States in one plain sentence what the table shows: how many calls polling wasted for each
 * useful one, and how much sooner push notified the consumer. It compares the first polling
 * strategy that sent requests with the first strategy that sent none. Streams and the hybrid
 * send a few requests but are not polling, so they are neither, and a run of only those
 * describes the first one's calls and deliveries. `style` colours the names, the key figures
 * and the warning about missed events, and by default adds nothing.
 */
export function summarize(report: RunReport, style: Style = PLAIN_STYLE): string {
  const marks: Marks = {
    name: (result) => style.strategy(report.results.indexOf(result), result.strategy),
    figure: (text) => style.figure(text),
  };
  const missed = missedSentence(report.results);
  const main = mainSentence(report, marks);
  return missed === undefined ? main : `${main} ${style.warning(missed)}`;
}

/** Names the strategies that left events missed, which the average latency would hide. */
function missedSentence(results: readonly StrategyResult[]): string | undefined {
  const parts = results
    .filter((result) => result.events.missed > 0)
    .map(
      (result) =>
        `${result.strategy} missed ${formatCount(result.events.missed)} of ` +
        `${formatCount(result.events.total)} events`,
    );
  if (parts.length === 0) return undefined;

  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Beware: ${list}.`;
}

function mainSentence(report: RunReport, marks: Marks): string {
  const polling = report.results.find((result) => isPolling(result) && result.requests > 0);
  const push = report.results.find((result) => result.requests === 0);

  const first = report.results[0];
  if (first === undefined) return 'No strategy ran.';
  if (report.results.every((result) => result.events.total === 0)) {
    return 'No event happened that a consumer wanted, so there was no news to learn of.';
  }
  if (polling === undefined && push === undefined) return describeStream(first, marks);
  if (polling === undefined) return describePush(push as StrategyResult, marks);
  if (push === undefined) return `${describePolling(polling, marks)}.`;

  const outcome = pushOutcome(push, polling, marks);
  return `${describePolling(polling, marks)}, while with ${marks.name(push)} they made none and ${outcome}.`;
}

/** Tells whether a result is of a polling strategy: `poll`, its variants or `long-poll`. */
function isPolling(result: StrategyResult): boolean {
  return result.strategy.startsWith('poll') || result.strategy === 'long-poll';
}

function describePolling(result: StrategyResult, marks: Marks): string {
  const { requests, wastedRequests } = result;
  const useful = requests - wastedRequests;
  const share = marks.figure(formatPercent(wastedRequests / requests));
  const calls = requests === 1 ? '1 call' : `${formatCount(requests)} calls`;
  const start = `With ${marks.name(result)}, consumers made ${calls}, of which ${formatCount(wastedRequests)} (${share}) found nothing new`;

  if (useful === 0) return `${start}, so none was useful`;
  if (wastedRequests === 0) return `${start}, so every call was useful`;
  return `${start} (${marks.figure(ratio(wastedRequests / useful))} for each useful one)`;
}

function describePush(result: StrategyResult, marks: Marks): string {
  const deliveries =
    result.deliveries === 1 ? '1 delivery' : `${formatCount(result.deliveries)} deliveries`;
  return `With ${marks.name(result)}, consumers made no calls and the producer sent ${deliveries}, ${arrival(result, marks)}.`;
}

/** Describes the calls and deliveries of a stream or the hybrid, in a run with no polling. */
function describeStream(result: StrategyResult, marks: Marks): string {
  const calls = result.requests === 1 ? '1 call' : `${formatCount(result.requests)} calls`;
  const deliveries =
    result.deliveries === 1 ? '1 delivery' : `${formatCount(result.deliveries)} deliveries`;
  return `With ${marks.name(result)}, consumers made ${calls} and the producer sent ${deliveries}, ${arrival(result, marks)}.`;
}

/** Says how late pushed events arrived on average, or that none reached the consumer. */
function arrival(result: StrategyResult, marks: Marks): string {
  if (result.events.notified === 0) return 'but no event reached a consumer';
  const mean = marks.figure(formatDuration(result.latencyMs.mean));
  return `each arriving ${mean} after its event on average`;
}

function pushOutcome(push: StrategyResult, polling: StrategyResult, marks: Marks): string {
  if (push.events.notified === 0) return 'learned of no event';
  const pushMean = marks.figure(formatDuration(push.latencyMs.mean));
  if (polling.events.notified === 0) return `learned of each event after ${pushMean} on average`;

  const pollMean = marks.figure(formatDuration(polling.latencyMs.mean));
  return `learned of each event after ${pushMean} on average instead of ${pollMean}`;
}

function ratio(value: number): string {
  if (value >= 10) return formatCount(Math.round(value));
  return `${Number(value.toPrecision(2))}`;
}
