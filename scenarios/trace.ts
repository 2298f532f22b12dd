/**
 * Replays a real event timeline from a CSV or JSON-lines file: each row is one event at the
 * time in its time column, and `--where` keeps only the rows that meet its conditions. Every
 * consumer wants every event. The window runs from the first event to the last, so each polling
 * consumer polls once at or after the last event.
 *
 * Sources: the events are the user's own file, so this scenario assumes no rates or durations.
 */
import { defineScenario } from '../src/model/scenario.ts';
import { buildTracePlan, whereOption } from '../src/trace/trace-plan.ts';

export default defineScenario({
  name: 'trace',
  summary: 'replays a real event timeline from a CSV or JSON-lines file (--file)',
  options: {
    file: {
      type: 'string',
      required: true,
      placeholder: 'PATH',
      description: 'CSV file with a header row, or JSON lines (.jsonl), one event per row',
    },
    timeColumn: {
      type: 'string',
      placeholder: 'NAME',
      description:
        'column with each event time, in ISO 8601, Unix seconds or Unix milliseconds ' +
        '(default: time, timestamp, or the first column named like *_at, *time* or *date*)',
    },
    keyColumn: {
      type: 'string',
      placeholder: 'NAME',
      description: 'column whose value is the event key (default: every event has one key)',
    },
    where: whereOption(undefined),
  },
  defaults: {
    interval: '5m',
    consumers: 1,
  },
  build({ options, duration, consumers }) {
    return buildTracePlan({ ...options, duration, consumers });
  },
});
