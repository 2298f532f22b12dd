// The entry point of a sweep's worker threads. A worker thread starts without the TypeScript
// loader whenever the main thread did not get it from `--import tsx`, as under vitest, so this
// plain module registers tsx before it imports the TypeScript worker. Registering it again in a
// thread that has it already costs a little start-up time and changes no result.
import { register } from 'tsx/esm/api';

register();

const worker = await import('./sweep-worker.ts');

export default worker.default;
