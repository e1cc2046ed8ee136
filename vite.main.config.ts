import { defineConfig } from 'vite';

// The main process bundle. dockerode, ssh2 and ws stay external: they are Node
// packages shipped in node_modules, and dockerode loads optional native parts.
export default defineConfig({
  build: {
    rollupOptions: { external: ['dockerode', 'ssh2', 'ws', 'tar-stream', 'zod'] },
  },
});
