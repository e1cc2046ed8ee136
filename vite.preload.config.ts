import { defineConfig } from 'vite';

// The preload runs sandboxed: it may import only `electron` and our contract
// constants, which Vite inlines into one file.
export default defineConfig({});
