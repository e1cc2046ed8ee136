import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One renderer build for both faces: Electron Forge loads this file for the
// desktop window, and the browser host serves the same output from .vite/renderer.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../.vite/renderer/main_window',
    emptyOutDir: true,
  },
});
