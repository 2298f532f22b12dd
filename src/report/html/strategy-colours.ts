/**
 * The colour of each built-in strategy in every chart of every report, so that a strategy keeps
 * its colour from one report to the next. Polling strategies are blues and browns, streams greens,
 * and push reds and purples. A custom strategy takes a grey.
 */
const COLOURS: Readonly<Record<string, string>> = {
  poll: '#1f77b4',
  'poll-jitter': '#6baed6',
  'poll-backoff': '#08519c',
  'poll-adaptive': '#8c564b',
  'poll-conditional': '#bcbd22',
  'long-poll': '#17becf',
  sse: '#2ca02c',
  websocket: '#98df8a',
  webhook: '#d62728',
  hybrid: '#9467bd',
};

const OTHER = '#7f7f7f';

/** Returns the colour of a strategy in the report's charts. */
export function colourOf(strategy: string): string {
  return COLOURS[strategy] ?? OTHER;
}
