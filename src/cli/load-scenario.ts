import { existsSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.ts';
import { isPollVsPushError, PollVsPushError } from '../errors.ts';
import type { Scenario } from '../model/scenario.ts';
import { checkScenario } from './check-scenario.ts';

export function builtInNames(): string[] {
  return Object.keys(BUILT_IN_SCENARIOS);
}

/** Tells whether `name` is a path to a module rather than a built-in scenario's name. */
function isPath(name: string): boolean {
  return name.includes('/') || /\.(ts|js|mjs|mts|cjs|cts)$/.test(name);
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

/**
 * Loads a scenario module from anywhere on disk and checks its default export. The module is
 * an ES module, in TypeScript or JavaScript, that imports the API from 'poll-vs-push'.
 */
async function loadModule(path: string): Promise<Scenario> {
  const absolute = resolve(path);
  checkModuleFile(path, absolute);
  registerPackageHooks();

  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(absolute).href);
  } catch (error: unknown) {
    throw loadFailure(path, absolute, error);
  }

  if (usesCommonJsExports(absolute)) throw commonJsModule(path);
  checkScenario(module.default, `scenario module '${path}'`);
  return module.default;
}

/**
 * Tells whether a module sets `module.exports` or `exports.x` and has no default export. tsx
 * loads such a .ts file as CommonJS without an error, so its scenario would otherwise fail the
 * field checks with a message that hides the real cause.
 */
function usesCommonJsExports(absolute: string): boolean {
  const source = readFileSync(absolute, 'utf8');
  const commonJs = /^\s*(module\.exports|exports\.\w+)\s*=/m.test(source);
  return commonJs && !/^\s*export\s+default\b/m.test(source);
}

function checkModuleFile(path: string, absolute: string): void {
  if (!existsSync(absolute)) {
    throw new PollVsPushError(
      'PVP_UNKNOWN_SCENARIO',
      `scenario module '${path}' not found; check the path, or use a built-in scenario: ` +
        builtInNames().join(', '),
    );
  }
  if (statSync(absolute).isDirectory()) {
    throw new PollVsPushError(
      'PVP_UNKNOWN_SCENARIO',
      `scenario module '${path}' is a directory; pass the path of a .ts or .js file in it`,
    );
  }
  if (/\.c[jt]s$/.test(absolute)) throw commonJsModule(path);
}

let hooksRegistered = false;

/**
 * Registers the resolve hook of package-hooks.mjs once per process, so that a module outside
 * this repository can import 'poll-vs-push' and loads as an ES module. A hook added with
 * register() (Node 20.6 and later) applies to every later import, but not to require(). Under
 * vitest the hook goes unused, because vite resolves and loads the module itself.
 */
function registerPackageHooks(): void {
  if (hooksRegistered) return;

  register('./package-hooks.mjs', import.meta.url, {
    data: {
      entryUrl: new URL('../index.ts', import.meta.url).href,
      packageRootUrl: new URL('../../', import.meta.url).href,
    },
  });
  hooksRegistered = true;
}

function commonJsModule(path: string): PollVsPushError {
  return new PollVsPushError(
    'PVP_INVALID_SCENARIO',
    `scenario module '${path}' is CommonJS, which cannot load poll-vs-push; write it as an ` +
      'ES module, with import and export default, in a .ts, .mts, .js or .mjs file',
  );
}

/** Node's message when an ES module uses a name that only CommonJS defines. */
const COMMONJS_NAME = /^(require|module|exports|__filename|__dirname) is not defined in ES module/;

/**
 * Turns an error raised while importing a scenario module into one that names the module and,
 * where the stack shows it, the line at fault, without the stack itself.
 * NOTE: when a .cjs helper of the module calls require('poll-vs-push'), tsx 4.23 also rejects a
 * second promise that nothing awaits, so Node prints that error's stack after this message.
 */
function loadFailure(path: string, absolute: string, error: unknown): unknown {
  if (isPollVsPushError(error)) return error;
  if (!(error instanceof Error)) return error;
  if (error instanceof ReferenceError && COMMONJS_NAME.test(error.message)) {
    return commonJsModule(path);
  }

  const reason = error.message
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join(' ');
  const location = locationIn(error.stack ?? '', absolute);
  return new PollVsPushError(
    'PVP_INVALID_SCENARIO',
    `scenario module '${path}' failed to load: ${reason}${location}; fix the module`,
  );
}

/** Finds the first stack frame in the module's own file, as ` (at line 3, column 9)`. */
function locationIn(stack: string, absolute: string): string {
  const frame = stack.split('\n').find((line) => line.includes(absolute));
  const match = frame === undefined ? null : /:(\d+):(\d+)\)?$/.exec(frame);
  return match === null ? '' : ` (at line ${match[1]}, column ${match[2]})`;
}
