import { PollVsPushError } from '../errors.ts';
import type { ScenarioPlan } from '../model/scenario.ts';

/** Builds the error for a plan field: `scenario 'name' returned field; fix`. */
type Fail = (field: string, fix: string) => PollVsPushError;

/**
 * Checks the plan a scenario's `build` returned before the run uses it, because a JavaScript
 * module, or a value cast past the types, can return anything. Each error names the field at
 * fault, such as `events[3].time`, and what to return instead.
 */
export function checkPlan(name: string, plan: ScenarioPlan): void {
  const fail: Fail = (field, fix) =>
    new PollVsPushError('PVP_INVALID_SCENARIO', `scenario '${name}' returned ${field}; ${fix}`);

  if (typeof plan !== 'object' || plan === null) {
    throw fail(String(plan), 'build must return { start, events, consumers }');
  }
  if (!Array.isArray(plan.events)) {
    throw fail('events that are not an array', 'return events as an array of { time, key? }');
  }
  if (!Array.isArray(plan.consumers)) {
    throw fail('consumers that are not an array', 'return consumers as an array of { keys? }');
  }
  if (!Number.isFinite(plan.start)) {
    throw fail(`start ${String(plan.start)}`, 'start must be a time in ms since the Unix epoch');
  }
  if (plan.end !== undefined && !Number.isFinite(plan.end)) {
    throw fail(
      `end ${String(plan.end)}`,
      'end must be a time in ms since the Unix epoch, or left out',
    );
  }
  if (plan.consumers.length === 0) {
    throw fail('no consumers', 'return at least one consumer');
  }

  for (const [index, event] of plan.events.entries()) checkEvent(event, index, plan.start, fail);
  for (const [index, consumer] of plan.consumers.entries()) checkConsumer(consumer, index, fail);
}

function checkEvent(event: unknown, index: number, start: number, fail: Fail): void {
  if (typeof event !== 'object' || event === null) {
    throw fail(`events[${index}] ${show(event)}`, 'return each event as { time, key? }');
  }

  const { time, key } = event as Readonly<Record<string, unknown>>;
  if (time === undefined) {
    throw fail(
      `events[${index}] without a time`,
      'give each event a time in ms since the Unix epoch, such as Date.UTC(2026, 0, 1, 9)',
    );
  }
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw fail(`events[${index}].time ${show(time)}`, 'each time must be a finite number');
  }
  // Consumers start at the window's start, so an earlier event could only count as missed or
  // as late by the time before the window, which no strategy could help.
  if (time < start) {
    throw fail(
      `events[${index}].time ${time}, before start ${start}`,
      'give each event a time at or after start, or move start earlier',
    );
  }
  if (key !== undefined && typeof key !== 'string') {
    throw fail(`events[${index}].key ${show(key)}`, "each key must be a string, such as 'order-7'");
  }
}

function checkConsumer(consumer: unknown, index: number, fail: Fail): void {
  if (typeof consumer !== 'object' || consumer === null || Array.isArray(consumer)) {
    throw fail(
      `consumers[${index}] ${show(consumer)}`,
      'return each consumer as { keys? }, or {} for one that wants every event',
    );
  }

  const { keys } = consumer as Readonly<Record<string, unknown>>;
  if (keys === undefined) return;
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string')) {
    throw fail(
      `consumers[${index}].keys ${show(keys)}, which is not an array of strings`,
      "give the keys the consumer wants as an array, such as keys: ['order-1']",
    );
  }
}

/** Shows a value in a message as code would write it. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) {
    // A long array is cut after five items, to keep the message on one readable line.
    const items = value.slice(0, 5).map(show);
    if (value.length > 5) items.push('...');
    return `[${items.join(', ')}]`;
  }
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
