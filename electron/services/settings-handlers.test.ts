import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsHandlers } from './settings-handlers.ts';
import { SettingsFile } from './settings.ts';

async function setup() {
  const settings = new SettingsFile(await mkdtemp(join(tmpdir(), 'berth-settings-calls-')));
  const used: string[] = [];
  const manager = {
    use: async (id: string) => {
      used.push(id);
      await settings.write({ engineId: id });
    },
  };
  return { settings, used, calls: settingsHandlers(settings, manager) };
}

describe('settings handlers', () => {
  it('shows a chosen engine through the manager, as "Use this engine" does', async () => {
    const { calls, used } = await setup();
    const state = await calls['settings.update']({ engineId: 'unix:///a.sock', theme: 'light' });
    expect(used).toEqual(['unix:///a.sock']);
    expect(state.settings).toMatchObject({ engineId: 'unix:///a.sock', theme: 'light' });
  });

  it('goes back to automatic without showing another engine', async () => {
    const { calls, used, settings } = await setup();
    await settings.write({ engineId: 'unix:///a.sock' });
    const state = await calls['settings.update']({ engineId: null });
    expect(used).toEqual([]);
    expect(state.settings.engineId).toBeNull();
  });

  it('answers the state with the file and its problem', async () => {
    const { calls, settings } = await setup();
    expect(await calls['settings.get']()).toMatchObject({ problem: null, path: settings.path });
  });
});
