// Module resolution hooks for scenario modules kept outside this repository. load-scenario.ts
// registers them with register() from node:module before it imports the first such module.
// They are plain JavaScript because under vitest Node loads them without a TypeScript loader.
//
// Two things keep a file elsewhere on disk from running as it would inside the repository:
//
// - Node finds `import ... from 'poll-vs-push'` only inside this package or below a node_modules
//   folder that contains it. The resolve hook maps that name to the package's entry point.
// - tsx 4.23 loads a .ts or .js file as CommonJS when no package.json with "type": "module"
//   encloses it, as in a bare folder. Its imports then become require() calls, which these
//   hooks never see. The resolve hook therefore marks a .ts, .mts, .js or .mjs file outside
//   this repository and outside node_modules as an ES module, when it is imported by a path.
//
// The hooks return this package's own file URLs, so a scenario module shares the loaded copy of
// the package with the CLI, and the CLI recognises the errors the package throws for it.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'poll-vs-push';

/** Extensions of the files loaded as ES modules. .cjs and .cts stay CommonJS, as Node has it. */
const MODULE_EXTENSIONS = /\.(?:ts|mts|js|mjs)$/;

/** A specifier that names a file: relative, absolute, or a file: URL. */
const PATH_SPECIFIER = /^(?:\.{1,2}\/|\/|file:)/;

/** The file: URLs of the package's entry point and of its root folder, with a final slash. */
let entryUrl = '';
let packageRootUrl = '';

/** Receives the URLs that load-scenario.ts passes as `data` to register(). */
export function initialize(data) {
  entryUrl = data.entryUrl;
  packageRootUrl = data.packageRootUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === PACKAGE_NAME) return { url: entryUrl, format: 'module', shortCircuit: true };

  const url = outsideModuleUrl(specifier, context.parentURL);
  if (url !== undefined) return { url, format: 'module', shortCircuit: true };

  return nextResolve(specifier, context);
}

/**
 * Returns the URL of the module file that `specifier` names when it lies outside this package
 * and outside node_modules, or undefined to leave the specifier to the next resolver. Like tsx,
 * it reads `./helper.js` as helper.ts when only the latter exists, and finds `./helper` and
 * `./lib` as helper.ts or lib/index.ts, so that such a file is loaded as an ES module too.
 */
function outsideModuleUrl(specifier, parentURL) {
  if (!PATH_SPECIFIER.test(specifier)) return undefined;

  const url = new URL(specifier, parentURL ?? packageRootUrl);
  if (url.protocol !== 'file:') return undefined;
  if (url.href.startsWith(packageRootUrl) || url.pathname.includes('/node_modules/')) {
    return undefined;
  }

  return candidateUrls(url).find((candidate) => isFile(candidate))?.href;
}

/** Lists the files that a module URL may name, in the order tried. */
function candidateUrls(url) {
  const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);

  if (/\.m?js$/.test(name)) return [url, withPath(url, url.pathname.replace(/js$/, 'ts'))];
  if (MODULE_EXTENSIONS.test(name)) return [url];
  // Another extension, such as .cjs or .json, is left to Node and tsx.
  if (name.includes('.')) return [];

  return IMPLICIT_ENDINGS.map((ending) => withPath(url, url.pathname + ending));
}

/** Endings tried, in order, for a path written without an extension. */
const IMPLICIT_ENDINGS = ['.ts', '.mts', '.js', '.mjs', '/index.ts', '/index.js'];

function withPath(url, pathname) {
  const copy = new URL(url);
  copy.pathname = pathname;
  return copy;
}

function isFile(url) {
  const path = fileURLToPath(url);
  return existsSync(path) && statSync(path).isFile();
}
