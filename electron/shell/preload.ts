// Runs sandboxed, with context isolation: exposes only the small PreloadApi
// (preload-bridge.ts) to the page, built on Electron's own objects.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { exposePreloadApi } from './preload-bridge.ts';

// A File that did not come from the system (or is not a File) has no path: ''.
exposePreloadApi(contextBridge, ipcRenderer, window, (file) =>
  file instanceof File ? webUtils.getPathForFile(file) : '',
);
