import type { RunReport } from '../runtime/run.ts';
import type { StrategyTimeline, TimelineDetail, TimelineEntry } from '../runtime/timeline.ts';
import { PRODUCER_ID } from '../runtime/timeline.ts';
import { formatCount, formatDuration } from './format.ts';

/**
 * Renders each strategy's timeline as text, one line per message: its scenario time in UTC,
 * who acts, and the message, with `->` for one sent and `<-` for one received. Returns an
 * empty string for a report without a timeline.
 */
export function renderTimeline(report: RunReport): string {
  const timelines = report.timeline ?? [];
  return timelines.map(renderStrategyTimeline).join('');
}

/** Renders one strategy's timeline, starting with a blank line and a title. */
export function renderStrategyTimeline(timeline: StrategyTimeline): string {
  const { entries } = timeline;
  const withMs = entries.some((entry) => entry.time % 1_000 !== 0);
  const width = Math.max(PRODUCER.length, ...entries.map((entry) => actor(entry).length));
  const lines = [`\nTimeline of ${timeline.strategy} (UTC):`];
  let date = '';

  for (const entry of entries) {
    const iso = new Date(entry.time).toISOString();
    if (iso.slice(0, 10) !== date) {
      date = iso.slice(0, 10);
      lines.push(date);
    }

    const time = withMs ? iso.slice(11, 23) : iso.slice(11, 19);
    lines.push(`  ${time}  ${actor(entry).padEnd(width)}  ${describeEntry(entry)}`);
  }

  if (entries.length === 0) lines.push('  no messages');
  if (timeline.omitted > 0) lines.push(omittedNote(timeline.omitted));
  return `${lines.join('\n')}\n`;
}

const PRODUCER = 'producer';

/** Producer-side entries name the producer, the others the consumer by its id. */
function actor(entry: TimelineEntry): string {
  const producerSide = ['event', 'held', 'push', 'push-result'].includes(entry.kind);
  return producerSide || entry.consumer === PRODUCER_ID ? PRODUCER : `consumer ${entry.consumer}`;
}

function omittedNote(omitted: number): string {
  return (
    `  ... and ${formatCount(omitted)} more messages left out; ` +
    'use fewer --consumers or a shorter --duration to see them all'
  );
}

/** Describes one entry's message as a short phrase. */
export function describeEntry(entry: TimelineEntry): string {
  const { detail, consumer } = entry;

  switch (entry.kind) {
    case 'event':
      return `event ${detail.events?.[0] ?? '?'} (${detail.key ?? ''})`;
    case 'poll':
      return describePoll(detail);
    case 'held':
      return `holds the poll of ${consumer} for up to ${formatDuration(detail.hold ?? 0)}`;
    case 'response':
      return `<- ${describeResponse(detail)}`;
    case 'subscribe':
      return '-> subscribe ("call me")';
    case 'subscribed':
      return '<- subscribed';
    case 'connect':
      return `-> open ${detail.transport ?? ''} stream`;
    case 'connected':
      return `<- ${describeConnected(detail)}`;
    case 'push':
      return `-> push ${eventList(detail.events)} to ${consumer}${retry(detail.attempt)}`;
    case 'push-result':
      return `<- ${detail.status === 0 ? 'no reply' : String(detail.status)} from ${consumer}`;
    case 'message':
      return detail.closed === true ? '<- stream closed' : `<- ${eventList(detail.events)}`;
  }
}

function describePoll(detail: TimelineDetail): string {
  const hold = detail.hold ?? 0;
  if (hold > 0) return `-> long poll, hold ${formatDuration(hold)}`;
  return detail.conditional === true ? '-> poll, if changed' : '-> poll';
}

function describeResponse(detail: TimelineDetail): string {
  const status = detail.status ?? 0;
  const count = detail.events?.length ?? 0;

  if (status === 0) return 'no response, timed out or cut';
  if (status === 304) return '304, not modified';
  if (status !== 200) return String(status);
  if (count === 0) return '200, nothing new';

  const noun = count === 1 ? 'new event' : 'new events';
  return `200, ${count} ${noun} (${(detail.events ?? []).join(', ')})`;
}

function describeConnected(detail: TimelineDetail): string {
  if (detail.state === 'open') return 'stream open';
  if (detail.state === 'gone') return 'gone, events no longer held';
  return `${detail.status ?? 0}, stream refused`;
}

function eventList(events: readonly number[] | undefined): string {
  const seqs = events ?? [];
  return `${seqs.length === 1 ? 'event' : 'events'} ${seqs.join(', ')}`;
}

function retry(attempt: number | undefined): string {
  return attempt === undefined || attempt === 0 ? '' : `, retry ${attempt}`;
}
