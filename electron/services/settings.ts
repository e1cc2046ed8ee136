// The few things the app remembers between runs, in <dataDir>/settings.json.
// Written atomically (temp file, then rename) so a crash never leaves half a file.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

interface Settings {
  /** The engine the user chose on the Engine page; absent means "pick automatically". */
  engineId?: string;
}

export class SettingsFile {
  readonly #path: string;

  constructor(dataDir: string) {
    this.#path = join(dataDir, 'settings.json');
  }

  async read(): Promise<Settings> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.#path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return {};
      const engineId = (parsed as Settings).engineId;
      return typeof engineId === 'string' ? { engineId } : {};
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        console.warn(`[settings] ignoring unreadable ${this.#path}:`, (err as Error).message);
      return {};
    }
  }

  async write(settings: Settings): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    const temp = `${this.#path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(settings, null, 2));
    await rename(temp, this.#path);
  }
}
