import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsFile } from './settings.ts';

describe('SettingsFile', () => {
  it('remembers the chosen engine across instances', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-settings-'));
    await new SettingsFile(dir).write({ engineId: 'unix:///var/run/docker.sock' });
    expect(await new SettingsFile(dir).read()).toEqual({ engineId: 'unix:///var/run/docker.sock' });
  });

  it('reads a missing or broken file as no settings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-settings-'));
    expect(await new SettingsFile(dir).read()).toEqual({});
    await writeFile(join(dir, 'settings.json'), '{not json');
    expect(await new SettingsFile(dir).read()).toEqual({});
  });
});
