// The settings channels. The engine is the one setting that acts at once
// elsewhere: choosing one shows it, as the Engine page's "Use this engine"
// does, through the same manager call that remembers it.
import type { SettingsCalls } from '../contract/settings-channels.ts';
import type { EngineManager } from './engine-manager.ts';
import type { SettingsFile } from './settings.ts';

type Handlers = {
  [K in keyof SettingsCalls]: (
    ...args: SettingsCalls[K]['args']
  ) => Promise<SettingsCalls[K]['result']>;
};

export function settingsHandlers(
  settings: SettingsFile,
  manager: Pick<EngineManager, 'use'>,
): Handlers {
  return {
    'settings.get': () => settings.state(),
    'settings.update': async (patch) => {
      const { engineId, ...rest } = patch;
      if (typeof engineId === 'string') await manager.use(engineId);
      const others = engineId === null ? { ...rest, engineId } : rest;
      return Object.keys(others).length > 0 ? settings.write(others) : settings.state();
    },
  };
}
