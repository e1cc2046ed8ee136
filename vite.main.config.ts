import { defineConfig } from 'vite';

// The main process bundle. dockerode and ws stay external: they are Node
// packages shipped in node_modules, and dockerode loads optional native parts.
export default defineConfig({
  build: {
    rollupOptions: { external: ['dockerode', 'ws', 'tar-stream', 'zod'] },
  },
});
