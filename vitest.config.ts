import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run scenario modules that they write outside the repository, and those modules import
// 'poll-vs-push'. The CLI makes that name resolve with a Node resolve hook (src/cli/
// package-hooks.mjs), but vite resolves the imports of the modules it runs by itself and never
// calls Node's hooks, so it needs the same mapping as an alias.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^poll-vs-push$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
    ],
  },
});
