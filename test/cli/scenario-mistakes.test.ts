import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './cli-harness.ts';

// Each module is JavaScript, because TypeScript's types would reject most of these mistakes
// before a run, and lives outside the repository, where users keep their scenarios.
const folder = mkdtempSync(join(tmpdir(), 'pvp-mistakes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const BUILD = 'build: () => ({ start: 0, events: [{ time: 1 }], consumers: [{}] })';

/** Writes a module that exports `fields` as its scenario definition, and returns its path. */
function writeScenario(file: string, fields: string): string {
  const path = join(folder, file);
  const source = `import { defineScenario } from 'poll-vs-push';\n
export default defineScenario({ ${fields} });\n`;
  writeFileSync(path, source);
  return path;
}

/** A definition that is valid apart from `extra`, written after its other fields. */
function withFields(extra: string): string {
  return `name: 'orders', summary: 'orders', ${BUILD}, ${extra}`;
}

/** A definition whose build returns `plan`. */
function withPlan(plan: string): string {
  return `name: 'orders', summary: 'orders', build: () => (${plan})`;
}

interface Mistake {
  readonly title: string;
  readonly fields: string;
  /** The message after `poll-vs-push: scenario module 'PATH' `. */
  readonly message: string;
}

const DEFINITION_MISTAKES: readonly Mistake[] = [
  {
    title: 'missing name',
    fields: `summary: 'orders', ${BUILD}`,
    message: "is invalid: name is missing; add name: 'my-scenario', a name for reports",
  },
  {
    title: 'missing summary',
    fields: `name: 'orders', ${BUILD}`,
    message:
      "is invalid: summary is missing; add summary: '...', one line on what the scenario models",
  },
  {
    title: 'missing build',
    fields: "name: 'orders', summary: 'orders'",
    message:
      'is invalid: build is missing; add build(context), which returns ' +
      '{ start, events, consumers }',
  },
  {
    title: 'build not a function',
    fields: "name: 'orders', summary: 'orders', build: 'plan'",
    message:
      "is invalid: build is 'plan', not a function; add build(context), which returns " +
      '{ start, events, consumers }',
  },
  {
    title: 'misspelt field',
    fields: withFields("option: { rate: { type: 'rate', description: 'orders' } }"),
    message:
      'is invalid: option is not a field of a scenario; use name, summary, options, ' +
      'defaults, build',
  },
  {
    title: 'unknown option type',
    fields: withFields("options: { rate: { type: 'rat', description: 'orders' } }"),
    message:
      "is invalid: options.rate.type 'rat' is unknown; use one of integer, number, " +
      'duration, rate, distribution, string',
  },
  {
    title: 'option without description',
    fields: withFields("options: { rate: { type: 'rate' } }"),
    message: 'is invalid: options.rate.description is missing; add help text',
  },
  {
    title: 'default of wrong kind',
    fields: withFields("options: { rate: { type: 'rate', default: 30, description: 'x' } }"),
    message:
      'is invalid: options.rate.default 30 is a number; a rate option takes a string ' +
      "default, such as '30/h'",
  },
  {
    title: 'default that does not parse',
    fields: withFields("options: { rate: { type: 'rate', default: '30', description: 'x' } }"),
    message:
      'is invalid: options.rate.default must be a positive rate, a decimal number per unit such ' +
      "as 0.5/s, 1/min or 30/h, got '30'",
  },
  {
    title: 'default below min',
    fields: withFields(
      "options: { tills: { type: 'integer', default: 0, min: 1, description: 'x' } }",
    ),
    message:
      "is invalid: options.tills.default must be a whole number 1 or more, such as 1, got '0'",
  },
  {
    title: 'option on a common flag',
    fields: withFields("options: { seed: { type: 'integer', description: 'x' } }"),
    message: 'is invalid: options.seed has the flag --seed, which the CLI uses; rename the option',
  },
  {
    title: 'option key not camelCase',
    fields: withFields("options: { 'order-rate': { type: 'rate', description: 'x' } }"),
    message:
      'is invalid: options.order-rate is not a camelCase name; name it like orderRate, ' +
      'for --order-rate',
  },
  {
    title: 'unknown defaults field',
    fields: withFields("defaults: { intervals: '1m' }"),
    message:
      'is invalid: defaults.intervals is not a field of a scenario; use interval, duration, ' +
      'latency, consumers, strategies, tuning, faults',
  },
  {
    title: 'default interval without unit',
    fields: withFields("defaults: { interval: '30' }"),
    message:
      'is invalid: defaults.interval must be a duration such as 30s, or a distribution such ' +
      'as uniform(10s, 50s), exp(30s), normal(10m, 1m)[8m, 12m] or lognormal(50ms, 20ms) ' +
      "(it is neither a value nor a distribution), got '30'",
  },
  {
    title: 'default consumers not whole',
    fields: withFields('defaults: { consumers: 1.5 }'),
    message:
      'is invalid: defaults.consumers 1.5 is not a whole number from 1 to 1000000; give a ' +
      'count such as 1',
  },
  {
    title: 'unknown default strategy',
    fields: withFields("defaults: { strategies: ['poll', 'pigeon'] }"),
    message:
      "is invalid: defaults.strategies[1] 'pigeon' is not a strategy; use one of poll, " +
      'poll-jitter, poll-backoff, poll-adaptive, poll-conditional, long-poll, sse, ' +
      'websocket, webhook, hybrid',
  },
  {
    title: 'tuning value not text',
    fields: withFields('defaults: { tuning: { hold: 60 } }'),
    message:
      'is invalid: defaults.tuning.hold 60 is a number; write it as text, as it is written ' +
      'on the command line',
  },
];

describe('scenario definition mistakes', () => {
  for (const [index, mistake] of DEFINITION_MISTAKES.entries()) {
    it(`reports ${mistake.title}`, async () => {
      const path = writeScenario(`definition-${index}.mjs`, mistake.fields);

      const run = await runCommand([path]);

      expect(run.stderr).toBe(`poll-vs-push: scenario module '${path}' ${mistake.message}\n`);
      expect(run.code).toBe(1);
    });
  }

  it('reports no default export', async () => {
    const path = join(folder, 'no-default.mjs');
    writeFileSync(path, "export const scenario = { name: 'orders' };\n");

    const run = await runCommand([path]);

    expect(run.stderr).toBe(
      `poll-vs-push: scenario module '${path}' has no default export made with ` +
        'defineScenario; end it with `export default defineScenario({ name, summary, build })`\n',
    );
  });

  it('reports unknown tuning key', async () => {
    const path = writeScenario(
      'tuning-key.mjs',
      withFields("defaults: { tuning: { hodl: '60s' } }"),
    );

    const run = await runCommand([path]);

    expect(run.stderr).toMatch(
      /^poll-vs-push: scenario 'orders' sets an unknown option 'hodl' in defaults\.tuning; use one of: jitter, /,
    );
    expect(run.code).toBe(1);
  });

  it('reports unknown fault key', async () => {
    const path = writeScenario(
      'fault-key.mjs',
      withFields("defaults: { faults: { hold: '60s' } }"),
    );

    const run = await runCommand([path]);

    expect(run.stderr).toMatch(
      /^poll-vs-push: scenario 'orders' sets an unknown option 'hold' in defaults\.faults; use one of: /,
    );
    expect(run.code).toBe(1);
  });

  it('reports invalid fault value', async () => {
    const path = writeScenario(
      'fault-value.mjs',
      withFields("defaults: { faults: { loss: '2' } }"),
    );

    const run = await runCommand([path]);

    expect(run.stderr).toMatch(
      new RegExp(
        `^poll-vs-push: scenario module '${path}' is invalid: defaults\\.faults\\.loss must be `,
      ),
    );
    expect(run.code).toBe(1);
  });
});

const PLAN_MISTAKES: readonly Mistake[] = [
  {
    title: 'event without time',
    fields: withPlan("{ start: 0, events: [{ key: 'order-1' }], consumers: [{}] }"),
    message:
      'returned events[0] without a time; give each event a time in ms since the Unix epoch, ' +
      'such as Date.UTC(2026, 0, 1, 9)',
  },
  {
    title: 'event time as text',
    fields: withPlan("{ start: 0, events: [{ time: '09:00' }], consumers: [{}] }"),
    message: "returned events[0].time '09:00'; each time must be a finite number",
  },
  {
    title: 'event before the start',
    fields: withPlan('{ start: 1000, events: [{ time: 1 }], consumers: [{}] }'),
    message:
      'returned events[0].time 1, before start 1000; give each event a time at or after ' +
      'start, or move start earlier',
  },
  {
    title: 'event that is not an object',
    fields: withPlan('{ start: 0, events: [{ time: 1 }, null], consumers: [{}] }'),
    message: 'returned events[1] null; return each event as { time, key? }',
  },
  {
    title: 'event key not text',
    fields: withPlan('{ start: 0, events: [{ time: 1, key: 7 }], consumers: [{}] }'),
    message: "returned events[0].key 7; each key must be a string, such as 'order-7'",
  },
  {
    title: 'keys as one string',
    fields: withPlan("{ start: 0, events: [], consumers: [{ keys: 'order-1' }] }"),
    message:
      "returned consumers[0].keys 'order-1', which is not an array of strings; give the keys " +
      "the consumer wants as an array, such as keys: ['order-1']",
  },
  {
    title: 'keys with a number',
    fields: withPlan("{ start: 0, events: [], consumers: [{}, { keys: ['order-1', 2] }] }"),
    message:
      "returned consumers[1].keys ['order-1', 2], which is not an array of strings; give the " +
      "keys the consumer wants as an array, such as keys: ['order-1']",
  },
  {
    title: 'consumer that is not an object',
    fields: withPlan("{ start: 0, events: [], consumers: ['alice'] }"),
    message:
      "returned consumers[0] 'alice'; return each consumer as { keys? }, or {} for one that " +
      'wants every event',
  },
  {
    title: 'end that is not a time',
    fields: withPlan('{ start: 0, end: NaN, events: [], consumers: [{}] }'),
    message: 'returned end NaN; end must be a time in ms since the Unix epoch, or left out',
  },
];

describe('scenario plan mistakes', () => {
  for (const [index, mistake] of PLAN_MISTAKES.entries()) {
    it(`reports ${mistake.title}`, async () => {
      const path = writeScenario(`plan-${index}.mjs`, mistake.fields);

      const run = await runCommand([path]);

      expect(run.stderr).toBe(`poll-vs-push: scenario 'orders' ${mistake.message}\n`);
      expect(run.code).toBe(1);
    });
  }
});

describe('scenario module failures', () => {
  it('rejects a .cjs module', async () => {
    const path = join(folder, 'orders.cjs');
    writeFileSync(path, "module.exports = { name: 'orders' };\n");

    const run = await runCommand([path]);

    expect(run.stderr).toBe(
      `poll-vs-push: scenario module '${path}' is CommonJS, which cannot load poll-vs-push; ` +
        'write it as an ES module, with import and export default, in a .ts, .mts, .js or ' +
        '.mjs file\n',
    );
    expect(run.code).toBe(1);
  });

  it('reports a throw while loading', async () => {
    const path = join(folder, 'throws.mjs');
    writeFileSync(path, 'const data = undefined;\n\nexport default data.scenario;\n');

    const run = await runCommand([path]);

    expect(run.stderr).toMatch(
      new RegExp(
        `^poll-vs-push: scenario module '${path}' failed to load: Cannot read properties of ` +
          "undefined \\(reading 'scenario'\\).*; fix the module\\n$",
      ),
    );
    expect(run.code).toBe(1);
  });

  it('rejects a directory', async () => {
    const run = await runCommand([folder]);

    expect(run.stderr).toBe(
      `poll-vs-push: scenario module '${folder}' is a directory; pass the path of a .ts or ` +
        '.js file in it\n',
    );
    expect(run.code).toBe(2);
  });
});
