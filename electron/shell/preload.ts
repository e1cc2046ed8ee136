// Runs sandboxed, with context isolation: exposes only the small PreloadApi
// (preload-bridge.ts) to the page, built on Electron's own objects.
import { contextBridge, ipcRenderer } from 'electron';
import { exposePreloadApi } from './preload-bridge.ts';

exposePreloadApi(contextBridge, ipcRenderer, window);
