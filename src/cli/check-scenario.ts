/**
 * Checks a scenario module's default export before the CLI uses it. TypeScript authors get most
 * of these errors from defineScenario's types, but a JavaScript module, or a value cast past
 * the types, reaches the CLI unchecked. Each error names the field and gives the fix.
 */
import { isPollVsPushError, PollVsPushError } from '../errors.ts';
import { flagOf, readDistribution, readDuration, resolveOption } from '../model/option-values.ts';
import type { OptionSpec, Scenario, ScenarioDefaults } from '../model/scenario.ts';
import { checkScenarioKnobs, KNOBS, resolveKnobs } from '../runtime/knobs.ts';
import { RUN_LIMITS } from '../runtime/run-size.ts';
import { readInterval } from '../runtime/settings.ts';
import { STRATEGIES } from '../strategies/index.ts';
import { COMMON_OPTIONS } from './common-options.ts';

/** Every key of every member of `T`, a union, each mapped to `true`. */
type FieldTable<T> = Record<T extends unknown ? keyof T : never, true>;

// These tables list the fields each part of a definition may have. `satisfies` makes the
// compiler reject a table when the interface gains a field that the table lacks.
const DEFINITION_FIELDS = {
  name: true,
  summary: true,
  options: true,
  defaults: true,
  build: true,
} as const satisfies FieldTable<Scenario>;

const DEFAULTS_FIELDS = {
  interval: true,
  duration: true,
  latency: true,
  consumers: true,
  strategies: true,
  tuning: true,
  faults: true,
} as const satisfies FieldTable<ScenarioDefaults>;

const OPTION_FIELDS = {
  type: true,
  description: true,
  required: true,
  default: true,
  min: true,
  max: true,
  placeholder: true,
} as const satisfies FieldTable<OptionSpec>;

/** The JavaScript type of each option type's default, with an example for messages. */
const OPTION_TYPES: Readonly<Record<OptionSpec['type'], { kind: string; example: string }>> = {
  integer: { kind: 'number', example: '10' },
  number: { kind: 'number', example: '0.5' },
  duration: { kind: 'string', example: "'30s'" },
  rate: { kind: 'string', example: "'30/h'" },
  distribution: { kind: 'string', example: "'exp(10m)'" },
  string: { kind: 'string', example: "'text'" },
};

/** An option key becomes a flag, `orderRate` becomes `--order-rate`, so it must be camelCase. */
const OPTION_KEY = /^[a-z][a-zA-Z0-9]*$/;

/** Readers of the run settings a scenario may give defaults for as text. */
const DEFAULT_TEXT_READERS: Readonly<Record<string, (text: string) => unknown>> = {
  interval: readInterval,
  duration: (text) => readDuration('--duration', text),
  latency: (text) => readDistribution('--latency', text),
};

/** A value of unknown shape whose fields can be read. */
type Fields = Readonly<Record<string, unknown>>;

/** Builds the error for one field: `subject is invalid: field problem; fix`, or without a fix. */
type Fail = (field: string, problem: string, fix: string) => PollVsPushError;

/**
 * Checks that `value`, the default export of the module `subject` names, is a scenario the CLI
 * can run, and raises PVP_INVALID_SCENARIO naming the first field at fault. The plan that
 * `build` returns is checked when the scenario runs, by checkPlan.
 */
export function checkScenario(value: unknown, subject: string): asserts value is Scenario {
  if (!isFields(value)) {
    throw new PollVsPushError(
      'PVP_INVALID_SCENARIO',
      `${subject} has no default export made with defineScenario; ` +
        'end it with `export default defineScenario({ name, summary, build })`',
    );
  }

  const fail: Fail = (field, problem, fix) => {
    const message = `${subject} is invalid: ${field} ${problem}`;
    return new PollVsPushError('PVP_INVALID_SCENARIO', fix === '' ? message : `${message}; ${fix}`);
  };

  checkFieldNames(value, DEFINITION_FIELDS, '', fail);
  checkHeader(value, fail);
  if (value.options !== undefined) checkOptions(value.options, fail);
  if (value.defaults !== undefined) checkDefaults(value.defaults, value.name as string, fail);
}

function checkHeader(value: Fields, fail: Fail): void {
  if (typeof value.name !== 'string' || value.name === '') {
    const problem = value.name === '' ? 'is empty' : problemOf(value.name, 'text');
    throw fail('name', problem, "add name: 'my-scenario', a name for reports");
  }
  if (typeof value.summary !== 'string') {
    const fix = "add summary: '...', one line on what the scenario models";
    throw fail('summary', problemOf(value.summary, 'text'), fix);
  }
  if (typeof value.build !== 'function') {
    throw fail(
      'build',
      problemOf(value.build, 'a function'),
      'add build(context), which returns { start, events, consumers }',
    );
  }
}

function checkOptions(options: unknown, fail: Fail): void {
  if (!isFields(options)) {
    throw fail('options', problemOf(options, 'an object'), 'give an object of option specs');
  }

  const reserved = reservedFlags();
  for (const [key, spec] of Object.entries(options)) {
    const field = `options.${key}`;
    if (!OPTION_KEY.test(key)) {
      throw fail(field, 'is not a camelCase name', 'name it like orderRate, for --order-rate');
    }
    if (reserved.has(flagOf(key))) {
      throw fail(field, `has the flag ${flagOf(key)}, which the CLI uses`, 'rename the option');
    }
    checkOptionSpec(spec, key, fail);
  }
}

/** Collects the flags of the common options and of the strategy and fault options. */
function reservedFlags(): Set<string> {
  return new Set([
    '--help',
    ...COMMON_OPTIONS.map((option) => option.flag),
    ...KNOBS.map((knob) => knob.flag),
  ]);
}

function checkOptionSpec(spec: unknown, key: string, fail: Fail): void {
  const field = `options.${key}`;
  if (!isFields(spec)) {
    throw fail(field, problemOf(spec, 'an object'), "give { type: 'integer', description: '...' }");
  }
  checkFieldNames(spec, OPTION_FIELDS, `${field}.`, fail);

  if (typeof spec.type !== 'string' || !Object.hasOwn(OPTION_TYPES, spec.type)) {
    const problem =
      typeof spec.type === 'string' ? `'${spec.type}' is unknown` : problemOf(spec.type, 'text');
    throw fail(`${field}.type`, problem, `use one of ${Object.keys(OPTION_TYPES).join(', ')}`);
  }
  if (typeof spec.description !== 'string') {
    throw fail(`${field}.description`, problemOf(spec.description, 'text'), 'add help text');
  }
  if (spec.required !== undefined && typeof spec.required !== 'boolean') {
    throw fail(`${field}.required`, problemOf(spec.required, 'a boolean'), 'use true or false');
  }
  if (spec.placeholder !== undefined && typeof spec.placeholder !== 'string') {
    throw fail(`${field}.placeholder`, problemOf(spec.placeholder, 'text'), "use text, as 'PATH'");
  }

  checkBounds(spec, field, fail);
  checkDefault(spec as unknown as OptionSpec, key, fail);
}

function checkBounds(spec: Fields, field: string, fail: Fail): void {
  for (const bound of ['min', 'max'] as const) {
    const value = spec[bound];
    if (value === undefined) continue;
    if (spec.type !== 'integer' && spec.type !== 'number') {
      throw fail(`${field}.${bound}`, `is set on a ${String(spec.type)} option`, 'remove it');
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw fail(`${field}.${bound}`, problemOf(value, 'a finite number'), 'give a number');
    }
  }

  if (typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min > spec.max) {
    throw fail(`${field}.min`, `${spec.min} is above max ${spec.max}`, 'make min at most max');
  }
}

/** Checks that a default has its type's kind, then reads it as the CLI reads the flag. */
function checkDefault(spec: OptionSpec, key: string, fail: Fail): void {
  if (spec.default === undefined) return;

  const field = `options.${key}.default`;
  const { kind, example } = OPTION_TYPES[spec.type];
  if (typeof spec.default !== kind) {
    throw fail(
      field,
      `${show(spec.default)} is a ${typeof spec.default}`,
      `a ${spec.type} option takes a ${kind} default, such as ${example}`,
    );
  }

  readAsField(() => resolveOption(key, spec, undefined), flagOf(key), field, fail);
}

function checkDefaults(defaults: unknown, name: string, fail: Fail): void {
  if (!isFields(defaults)) {
    throw fail(
      'defaults',
      problemOf(defaults, 'an object'),
      "give an object, as { interval: '1m' }",
    );
  }
  checkFieldNames(defaults, DEFAULTS_FIELDS, 'defaults.', fail);

  for (const [key, read] of Object.entries(DEFAULT_TEXT_READERS)) {
    const text = defaults[key];
    if (text === undefined) continue;
    if (typeof text !== 'string') {
      throw fail(
        `defaults.${key}`,
        `${show(text)} is a ${typeof text}`,
        "write it as text, as '30s'",
      );
    }
    readAsField(() => read(text), `--${key}`, `defaults.${key}`, fail);
  }

  checkDefaultConsumers(defaults.consumers, fail);
  checkDefaultStrategies(defaults.strategies, fail);
  checkDefaultKnobs(defaults, name, fail);
}

function checkDefaultConsumers(consumers: unknown, fail: Fail): void {
  if (consumers === undefined) return;

  const limit = RUN_LIMITS.consumers;
  const valid = typeof consumers === 'number' && Number.isInteger(consumers);
  if (!valid || consumers < 1 || consumers > limit) {
    throw fail(
      'defaults.consumers',
      `${show(consumers)} is not a whole number from 1 to ${limit}`,
      'give a count such as 1',
    );
  }
}

function checkDefaultStrategies(strategies: unknown, fail: Fail): void {
  if (strategies === undefined) return;

  const known = [...STRATEGIES.keys()].join(', ');
  if (!Array.isArray(strategies) || strategies.length === 0) {
    throw fail(
      'defaults.strategies',
      problemOf(strategies, 'a list of names'),
      `list some of ${known}`,
    );
  }
  for (const [index, name] of strategies.entries()) {
    if (typeof name !== 'string' || !STRATEGIES.has(name)) {
      throw fail(
        `defaults.strategies[${index}]`,
        `${show(name)} is not a strategy`,
        `use one of ${known}`,
      );
    }
  }
}

/** Checks the strategy and fault options' keys, then reads each value as its flag's. */
function checkDefaultKnobs(defaults: Fields, name: string, fail: Fail): void {
  const groups = { tuning: defaults.tuning, faults: defaults.faults };

  for (const [group, texts] of Object.entries(groups)) {
    if (texts === undefined) continue;
    if (!isFields(texts)) {
      throw fail(
        `defaults.${group}`,
        problemOf(texts, 'an object'),
        "give an object, as { hold: '60s' }",
      );
    }
    for (const [key, text] of Object.entries(texts)) {
      if (typeof text !== 'string') {
        throw fail(
          `defaults.${group}.${key}`,
          `${show(text)} is a ${typeof text}`,
          'write it as text, as it is written on the command line',
        );
      }
    }
  }

  const tuning = defaults.tuning as Readonly<Record<string, string>> | undefined;
  const faults = defaults.faults as Readonly<Record<string, string>> | undefined;
  checkScenarioKnobs(name, tuning, faults);

  for (const [group, texts] of Object.entries({ tuning, faults })) {
    for (const [key, text] of Object.entries(texts ?? {})) {
      const flag = KNOBS.find((knob) => knob.key === key)?.flag ?? key;
      readAsField(() => resolveKnobs({ [key]: text }), flag, `defaults.${group}.${key}`, fail);
    }
  }
}

/** Rejects a field that the part of the definition at `prefix` does not have. */
function checkFieldNames(value: Fields, known: Fields, prefix: string, fail: Fail): void {
  const unknown = Object.keys(value).find((key) => !Object.hasOwn(known, key));
  if (unknown === undefined) return;

  const fields = Object.keys(known).join(', ');
  throw fail(`${prefix}${unknown}`, 'is not a field of a scenario', `use ${fields}`);
}

/**
 * Runs a reader of command-line text on a value from the definition, and turns the error it
 * raises for `flag` into one for `field`: "--rate must be ..." becomes "options.rate.default
 * must be ...".
 */
function readAsField(read: () => unknown, flag: string, field: string, fail: Fail): void {
  try {
    read();
  } catch (error: unknown) {
    if (!isPollVsPushError(error)) throw error;
    if (!error.message.startsWith(`${flag} `))
      throw fail(field, `is invalid: ${error.message}`, '');
    const [problem, fix] = splitMessage(error.message.slice(flag.length + 1));
    throw fail(field, problem, fix);
  }
}

/**
 * Splits a reader's message after its flag into the problem and the fix. Most have no separate
 * fix, because "must be a positive rate, ... such as 30/h, got '30'" gives both.
 */
function splitMessage(message: string): [string, string] {
  const at = message.indexOf('; ');
  if (at === -1) return [message, ''];
  return [message.slice(0, at), message.slice(at + 2)];
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a value that should have been `expected`: "is missing" or "is 3, not text". */
function problemOf(value: unknown, expected: string): string {
  if (value === undefined) return 'is missing';
  return `is ${show(value)}, not ${expected}`;
}

/** Shows a value as it might be written in a definition. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
