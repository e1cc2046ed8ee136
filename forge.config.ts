// Electron Forge builds and runs the desktop face in development: the main
// process and preload through Vite, and the renderer with the same Vite config
// the browser face uses. Installers are made by electron-builder
// (electron-builder.yml). Electron's binary cannot be downloaded on our build
// machines, so this is type-checked here and exercised on developer desktops.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Berth',
    executableName: 'berth',
    icon: 'build/icon',
    asar: true,
    // The sample site's busybox and page, beside the app (resources/sample-site).
    extraResource: ['assets/sample-site'],
  },
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/shell/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/shell/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // The image-layer reader's worker thread, loaded by URL beside main.js.
        {
          entry: 'electron/services/images/layers/analyse-worker.ts',
          config: 'vite.main.config.ts',
          target: 'main',
        },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
  ],
};

export default config;
