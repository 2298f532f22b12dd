/**
 * What the error samples of the docs need besides the command: the scenario module, trace file
 * or taken port that the page describes only in prose. Each fixture is found by the first line
 * of the output the page shows, so a new error sample that needs one fails the inventory test
 * until it gets a fixture here.
 */
import type { Sample } from '../../scripts/doc-samples.ts';

/** What to set up before a sample runs. */
export interface Fixture {
  /** Files to write, by path from the folder the command runs in; `null` makes a folder. */
  readonly files?: Readonly<Record<string, string | Uint8Array | null>>;
  /** Run from the repository root, for a path that exists there, instead of a fresh folder. */
  readonly inRoot?: boolean;
  /** A port on 127.0.0.1 that a server of the test listens on while the command runs. */
  readonly takenPort?: number;
  /**
   * Run the CLI in a process of its own, as npm does. vitest's module runner gives a `.ts`
   * module a CommonJS `module` object, so Node's error for CommonJS in an ES module, which the
   * CLI looks for, happens only outside vitest.
   */
  readonly ownProcess?: boolean;
}

const MY_SCENARIO = './my-scenario.ts';
const TUTORIAL_MODULE = '../my-scenarios/order-ready.ts';

/** Returns a scenario module that defines a scenario named `deploys` with these fields. */
function deploysModule(fields: string): string {
  return `import { defineScenario } from 'poll-vs-push';

export default defineScenario({
  name: 'deploys',
  summary: 'deploys of a few services',
  ${fields}
});
`;
}

/** Returns a deploys module whose build returns `plan`. */
function planModule(plan: string): string {
  return deploysModule(`build: () => (${plan}),`);
}

const EVENT = '{ time: Date.UTC(2026, 2, 2, 9), key: "api" }';

/** Returns a module of the tutorial's order-ready scenario with these fields. */
function orderModule(fields: string): string {
  return `import { defineScenario } from 'poll-vs-push';

export default defineScenario({
  name: 'order-ready',
  summary: 'customers asking "is my order ready?" until it is',
  ${fields}
});
`;
}

const DEPLOYS_CSV = `time,service
2026-03-02T09:14:05Z,api
2026-03-02T09:52:40Z,web
`;

/** Returns a fixture of the trace file `events.csv` with these contents; `null` makes a folder. */
function events(csv: string | Uint8Array | null): Fixture {
  return { files: { 'events.csv': csv } };
}

const FIXTURES: Readonly<Record<string, Fixture>> = {
  // Scenario paths and modules.
  [`poll-vs-push: scenario module '${MY_SCENARIO}' not found`]: {},
  "poll-vs-push: scenario module './scenarios' is a directory": { inRoot: true },
  [`poll-vs-push: scenario module '${MY_SCENARIO}' has no default export`]: {
    files: { [MY_SCENARIO]: 'export const scenario = {};\n' },
  },
  [`poll-vs-push: scenario module '${MY_SCENARIO}' is CommonJS`]: {
    files: {
      [MY_SCENARIO]: `const { defineScenario } = require('poll-vs-push');

module.exports = defineScenario({ name: 'deploys', summary: 'deploys', build: () => ({}) });
`,
    },
    ownProcess: true,
  },
  [`poll-vs-push: scenario module '${MY_SCENARIO}' is invalid: summary is missing`]: {
    files: {
      [MY_SCENARIO]: `import { defineScenario } from 'poll-vs-push';

export default defineScenario({ name: 'deploys', build: () => ({ start: 0, events: [], consumers: [{}] }) });
`,
    },
  },
  [`poll-vs-push: scenario module '${MY_SCENARIO}' is invalid: options.rate.type 'rat'`]: {
    files: {
      [MY_SCENARIO]:
        deploysModule(`options: { rate: { type: 'rat', default: '30/h', description: 'deploys per hour' } },
  build: () => ({ start: 0, events: [], consumers: [{}] }),`),
    },
  },
  [`poll-vs-push: scenario module '${MY_SCENARIO}' is invalid: options.rate.default 30`]: {
    files: {
      [MY_SCENARIO]:
        deploysModule(`options: { rate: { type: 'rate', default: 30, description: 'deploys per hour' } },
  build: () => ({ start: 0, events: [], consumers: [{}] }),`),
    },
  },
  "poll-vs-push: scenario 'deploys' sets an unknown option 'hodl' in defaults.tuning": {
    files: {
      [MY_SCENARIO]: deploysModule(`defaults: { tuning: { hodl: '60s' } },
  build: () => ({ start: 0, events: [], consumers: [{}] }),`),
    },
  },
  "poll-vs-push: scenario 'deploys' returned events[0] without a time": {
    files: { [MY_SCENARIO]: planModule("{ start: 0, events: [{ key: 'api' }], consumers: [{}] }") },
  },
  "poll-vs-push: scenario 'deploys' returned consumers[0].keys 'api'": {
    files: {
      [MY_SCENARIO]: planModule(`{ start: 0, events: [${EVENT}], consumers: [{ keys: 'api' }] }`),
    },
  },
  "poll-vs-push: scenario 'deploys' returned no consumers": {
    files: { [MY_SCENARIO]: planModule(`{ start: 0, events: [${EVENT}], consumers: [] }`) },
  },
  "poll-vs-push: scenario 'deploys' returned start NaN": {
    files: {
      [MY_SCENARIO]: planModule(
        `{ start: Date.parse('Monday'), events: [${EVENT}], consumers: [{}] }`,
      ),
    },
  },
  "poll-vs-push: scenario 'deploys' returned events[0].time NaN": {
    files: {
      [MY_SCENARIO]: planModule(
        "{ start: 0, events: [{ time: Date.parse('9:14'), key: 'api' }], consumers: [{}] }",
      ),
    },
  },

  // The tutorial's scenario with the mistakes of docs/custom-scenarios.md.
  [`poll-vs-push: scenario module '${TUTORIAL_MODULE}' is invalid: options.orderRate.type 'rat'`]: {
    files: {
      [TUTORIAL_MODULE]: orderModule(`options: {
    orderRate: { type: 'rat', default: '30/h', description: 'orders per hour' },
  },
  build: () => ({ start: 0, events: [], consumers: [{}] }),`),
    },
  },
  [`poll-vs-push: scenario module '${TUTORIAL_MODULE}' is invalid: options.orderRate.default 30`]: {
    files: {
      [TUTORIAL_MODULE]: orderModule(`options: {
    orderRate: { type: 'rate', default: 30, description: 'orders per hour' },
  },
  build: () => ({ start: 0, events: [], consumers: [{}] }),`),
    },
  },
  "poll-vs-push: scenario 'order-ready' returned events[0] without a time": {
    files: {
      [TUTORIAL_MODULE]: orderModule(
        "build: () => ({ start: 0, events: [{ key: 'order-1' }], consumers: [{}] }),",
      ),
    },
  },

  // Trace files.
  "poll-vs-push: trace file 'events.csv' not found": {},
  "poll-vs-push: trace file 'events.csv' is a directory": events(null),
  "poll-vs-push: trace file 'events.csv' is not UTF-8 text": events(
    Uint8Array.from([...Buffer.from('time,service\n2026-03-02T09:14:05Z,'), 0xff, 0x0a]),
  ),
  "poll-vs-push: trace file 'events.csv' is empty": events(''),
  "poll-vs-push: trace file 'events.csv' has a header but no rows": events('time,service\n'),
  "poll-vs-push: trace file 'events.csv' has no rows where service=db": events(DEPLOYS_CSV),
  "poll-vs-push: trace file 'events.csv' has no column named time": events(
    'when,service\n2026-03-02T09:14:05Z,api\n',
  ),
  "poll-vs-push: trace file 'events.csv' has no column 'when_utc'": events(
    'when,service\n2026-03-02T09:14:05Z,api\n',
  ),
  "poll-vs-push: trace file 'events.csv' has no column 'team'; its columns are time, service; pass":
    events(DEPLOYS_CSV),
  "poll-vs-push: trace file 'events.csv' has no column 'team', which --where": events(DEPLOYS_CSV),
  "poll-vs-push: trace file 'events.csv', row 2 (line 3), column 'time': 'yesterday'": events(
    'time,service\n2026-03-02T09:14:05Z,api\nyesterday,web\n',
  ),
  "poll-vs-push: trace file 'events.csv', row 2 (line 3), column 'time': the time is missing":
    events('time,service\n2026-03-02T09:14:05Z,api\n,web\n'),
  "poll-vs-push: trace file 'events.csv', row 1 (line 2): has 3 fields": events(
    'time,service\n2026-03-02T09:14:05Z,api,web\n',
  ),
  "poll-vs-push: trace file 'events.csv', line 1: the header names column 'time' twice": events(
    'time,time\n2026-03-02T09:14:05Z,2026-03-02T09:14:05Z\n',
  ),
  "poll-vs-push: trace file 'events.csv' is not valid CSV: a quoted field": events(
    'time,service\n2026-03-02T09:14:05Z,"api\n',
  ),
  "poll-vs-push: trace file 'events.jsonl', line 2 is": {
    files: {
      'events.jsonl': '{"time": "2026-03-02T09:14:05Z"}\n["2026-03-02T09:52:40Z"]\n',
    },
  },

  // Live mode.
  'poll-vs-push: port 5055 on 127.0.0.1 is already in use': { takenPort: 5055 },
};

/** Returns the fixture of a sample, found by the start of the first line of its output. */
export function fixtureFor(sample: Sample): Fixture | undefined {
  const first = sample.output.split('\n')[0] ?? '';
  const matches = Object.entries(FIXTURES).filter(([start]) => first.startsWith(start));

  // The start with the most characters wins, so that a message that starts like another finds
  // its own fixture.
  matches.sort(([a], [b]) => b.length - a.length);
  return matches[0]?.[1];
}
