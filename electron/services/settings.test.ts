import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsState } from '../contract/settings-channels.ts';
import { parseVersioned } from './settings-load.ts';
import { SettingsFile } from './settings.ts';

async function dirWith(content?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-settings-'));
  if (content !== undefined) await writeFile(join(dir, 'settings.json'), content);
  return dir;
}

const fileOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe('SettingsFile', () => {
  it('starts from the defaults when there is no file, and reports nothing', async () => {
    const state = await new SettingsFile(await dirWith()).state();
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
    expect(state.problem).toBeNull();
  });

  it('remembers choices across instances in a version 1 file', async () => {
    const dir = await dirWith();
    await new SettingsFile(dir).write({ engineId: 'unix:///var/run/docker.sock', theme: 'dark' });
    const again = await new SettingsFile(dir).read();
    expect(again.engineId).toBe('unix:///var/run/docker.sock');
    expect(again.theme).toBe('dark');
    expect(await fileOf(dir)).toMatchObject({ version: 1, theme: 'dark' });
  });

  it('reads an unversioned (version 0) file and migrates it on the next write', async () => {
    const dir = await dirWith(JSON.stringify({ engineId: 'unix:///old.sock' }));
    const file = new SettingsFile(dir);
    expect(await file.state()).toMatchObject({
      settings: { engineId: 'unix:///old.sock', theme: 'system' },
      problem: null,
    });
    await file.write({ terminalFontSize: 16 });
    expect(await fileOf(dir)).toMatchObject({
      version: 1,
      engineId: 'unix:///old.sock',
      terminalFontSize: 16,
    });
  });

  it('sets a truncated file aside as damaged, reports it and starts from defaults', async () => {
    const truncated = '{"version": 1, "theme": "da';
    const dir = await dirWith(truncated);
    const file = new SettingsFile(dir);
    const state = await file.state();
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
    expect(state.problem).toMatchObject({ kind: 'damaged', path: join(dir, 'settings.json') });
    expect(state.problem!.message).toMatch(/damaged \(not JSON/);
    const aside = state.problem!.setAsidePath!;
    expect(aside).toMatch(/settings\.json\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(await readFile(aside, 'utf8')).toBe(truncated);
    expect(await readdir(dir)).not.toContain('settings.json');
    // The next change starts a fresh file; the damaged one stays where it was put.
    await file.write({ theme: 'light' });
    expect(await fileOf(dir)).toMatchObject({ version: 1, theme: 'light' });
    expect(await readFile(aside, 'utf8')).toBe(truncated);
  });

  it.each([
    ['a value of the wrong kind', { version: 1, theme: 'purple' }, /theme/],
    ['a number out of range', { version: 1, terminalFontSize: 400 }, /terminalFontSize/],
    ['a version that is not a number', { version: '1' }, /version is "1"/],
    ['a negative version', { version: -1 }, /version is -1/],
    ['an old file with a wrong engine', { engineId: 42 }, /engineId/],
    ['an array', [1, 2], /not a JSON object/],
    ['null', null, /not a JSON object/],
  ])('sets aside a file with %s', async (_what, content, reason) => {
    const dir = await dirWith(JSON.stringify(content));
    const state = await new SettingsFile(dir).state();
    expect(state.problem?.kind).toBe('damaged');
    expect(state.problem?.message).toMatch(reason);
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
    expect(JSON.parse(await readFile(state.problem!.setAsidePath!, 'utf8'))).toEqual(content);
  });

  it('sets aside a file from a newer version under its version, never overwriting it', async () => {
    const newer = JSON.stringify({ version: 7, theme: 'solarized', engineId: 'x' });
    const dir = await dirWith(newer);
    const file = new SettingsFile(dir);
    const state = await file.state();
    expect(state.problem).toMatchObject({ kind: 'newer', version: 7 });
    expect(state.problem!.message).toMatch(
      /newer Berth \(settings version 7; this one reads version 1\)/,
    );
    expect(state.problem!.setAsidePath).toMatch(/settings\.json\.v7-[\dT-]+Z$/);
    expect(await readFile(state.problem!.setAsidePath!, 'utf8')).toBe(newer);
    expect(state.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps keys it does not know from the same version', async () => {
    const dir = await dirWith(JSON.stringify({ version: 1, vmCpus: 4, theme: 'dark' }));
    const file = new SettingsFile(dir);
    await file.write({ logBufferCap: 2_000 });
    expect(await fileOf(dir)).toEqual({
      ...DEFAULT_SETTINGS,
      version: 1,
      vmCpus: 4,
      theme: 'dark',
      logBufferCap: 2_000,
    });
  });

  it('refuses a change the schema rejects, and keeps the file as it was', async () => {
    const dir = await dirWith();
    const file = new SettingsFile(dir);
    await file.write({ theme: 'dark' });
    await expect(file.write({ logBufferCap: 10 })).rejects.toThrow(/at least 1,000 lines/);
    await expect(file.write({ terminalFontFamily: 'x; } body { display: none' })).rejects.toThrow(
      /Terminal font/,
    );
    await expect(file.write({ nope: 1 } as never)).rejects.toThrow();
    expect(await fileOf(dir)).toMatchObject({ theme: 'dark', logBufferCap: 50_000 });
  });

  it('tells its listeners about each change', async () => {
    const file = new SettingsFile(await dirWith());
    const seen: SettingsState[] = [];
    file.onChange((s) => seen.push(s));
    await file.write({ hiddenContainerColumns: ['ports'] });
    expect(seen.map((s) => s.settings.hiddenContainerColumns)).toEqual([['ports']]);
  });

  it('reports a file it cannot read, and then never writes over it', async () => {
    const dir = await dirWith();
    await mkdir(join(dir, 'settings.json'));
    const file = new SettingsFile(dir);
    expect((await file.state()).problem?.kind).toBe('unreadable');
    await expect(file.write({ theme: 'dark' })).rejects.toThrow(/will not change/);
  });
});

describe('parseVersioned', () => {
  it('knows each setting from the keys it keeps', () => {
    const parsed = parseVersioned('{"version":1,"theme":"light","future":{"a":1}}');
    expect(parsed).toEqual({
      kind: 'ok',
      loaded: { settings: { ...DEFAULT_SETTINGS, theme: 'light' }, extra: { future: { a: 1 } } },
    });
  });
});
