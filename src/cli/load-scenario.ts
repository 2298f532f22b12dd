import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { PollVsPushError } from '../errors.ts';
import type { Scenario } from '../model/scenario.ts';

export function builtInNames(): string[] {
  return Object.keys(BUILT_IN_SCENARIOS);
}

/** Tells whether `name` is a path to a module rather than a built-in scenario's name. */
function isPath(name: string): boolean {
  return name.includes('/') || /\.(ts|js|mjs|mts)$/.test(name);
}

/** Loads a built-in scenario by name, or a user's scenario module by path. */
export async function loadScenario(name: string): Promise<Scenario> {
  if (isPath(name)) return loadModule(name);

  const load = BUILT_IN_SCENARIOS[name];
  if (load === undefined) {
    throw new PollVsPushError(
      'PVP_UNKNOWN_SCENARIO',
      `unknown scenario '${name}'; known scenarios: ${builtInNames().join(', ')}, ` +
        'or a path such as ./my-scenario.ts',
    );
  }

  return load();
}

async function loadModule(path: string): Promise<Scenario> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new PollVsPushError(
      'PVP_UNKNOWN_SCENARIO',
      `scenario module '${path}' not found; check the path, or use a built-in scenario: ` +
        builtInNames().join(', '),
    );
  }

  const module: { default?: unknown } = await import(pathToFileURL(absolute).href);
  if (!isScenario(module.default)) {
    throw new PollVsPushError(
      'PVP_INVALID_SCENARIO',
      `scenario module '${path}' has no default export made with defineScenario; ` +
        'end it with `export default defineScenario({ name, summary, build })`',
    );
  }

  return module.default;
}

function isScenario(value: unknown): value is Scenario {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.name === 'string' && typeof candidate.build === 'function';
}
