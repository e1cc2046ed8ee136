// The user's lasting choices, in <dataDir>/settings.json as `{ "version": 1, ... }`.
// Loaded once (settings-load.ts migrates an old file and sets a bad one aside),
// then kept here; each change is written atomically (temp file, then rename)
// so a crash never leaves half a file, one write at a time, and announced to
// every listener so all windows and both faces show the same values.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ContractError } from '../contract/errors.ts';
import {
  SETTINGS_VERSION,
  settingFields,
  settingsPatch,
  type Settings,
  type SettingsPatch,
  type SettingsState,
} from '../contract/settings-channels.ts';
import { loadSettings, type LoadedSettings } from './settings-load.ts';

export class SettingsFile {
  readonly path: string;
  #loaded: Promise<LoadedSettings> | null = null;
  /** Writes run one after another, each with the state of its own time. */
  #writing: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<(state: SettingsState) => void>();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
  }

  async read(): Promise<Settings> {
    return (await this.#load()).settings;
  }

  async state(): Promise<SettingsState> {
    const loaded = await this.#load();
    return { settings: loaded.settings, problem: loaded.problem, path: this.path };
  }

  /** Changes some settings (checked again here: a patch may come from any caller) and saves them. */
  async write(patch: SettingsPatch): Promise<SettingsState> {
    const checked = settingsPatch.safeParse(patch);
    if (!checked.success) {
      throw new ContractError({
        kind: 'bad-request',
        message: checked.error.issues.map((i) => i.message).join('; '),
      });
    }
    return this.#apply(checked.data);
  }

  /**
   * The app's own records (the remote engines the user added), which no
   * window's patch may write: `engine.add` checks an engine before it is kept.
   */
  async record(patch: Pick<Settings, 'remoteEngines'>): Promise<SettingsState> {
    return this.#apply({ remoteEngines: settingFields.remoteEngines.parse(patch.remoteEngines) });
  }

  async #apply(patch: Partial<Settings>): Promise<SettingsState> {
    const loaded = await this.#load();
    if (!loaded.writable) {
      throw new ContractError({
        kind: 'conflict',
        message: `Berth will not change ${this.path}: ${loaded.problem?.message ?? 'it could not be read.'}`,
        hint: 'Fix or move that file, then restart Berth.',
      });
    }
    loaded.settings = { ...loaded.settings, ...patch } as Settings;
    const content = { ...loaded.extra, version: SETTINGS_VERSION, ...loaded.settings };
    const written = this.#writing.then(() => this.#save(content));
    this.#writing = written.catch(() => {});
    await written;
    const state = await this.state();
    for (const listener of this.#listeners) listener(state);
    return state;
  }

  onChange(listener: (state: SettingsState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #load(): Promise<LoadedSettings> {
    this.#loaded ??= loadSettings(this.path).then((loaded) => {
      if (loaded.problem) console.warn(`[settings] ${loaded.problem.message}`);
      return loaded;
    });
    return this.#loaded;
  }

  async #save(content: object): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`);
    await rename(temp, this.path);
  }
}
