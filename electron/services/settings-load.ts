// Reading settings.json at start: migrate an old file, and never let a bad one
// stop the app or be lost. A damaged file (not JSON, wrong shapes) or one a
// newer Berth wrote is renamed aside (`settings.json.damaged-<time>`,
// `settings.json.v<N>-<time>`), reported, and the app starts from defaults;
// writing over it would throw away the user's choices, or a newer app's.
import { readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  settingsFileV1,
  type Settings,
  type SettingsProblem,
} from '../contract/settings-channels.ts';

export interface LoadedSettings {
  settings: Settings;
  /** Keys this version does not know, kept so the next write does not drop them. */
  extra: Record<string, unknown>;
  problem: SettingsProblem | null;
  /** False when the file could not be read or set aside: writing would overwrite it. */
  writable: boolean;
}

const defaults = (): LoadedSettings => ({
  settings: { ...DEFAULT_SETTINGS, hiddenContainerColumns: [] },
  extra: {},
  problem: null,
  writable: true,
});

/** `2026-12-02T05-52-00-123Z`: a time that sorts and is a valid file name everywhere. */
export function fileTime(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export async function loadSettings(path: string, now = () => new Date()): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return defaults();
    return {
      ...defaults(),
      writable: false,
      problem: {
        kind: 'unreadable',
        path,
        message:
          `Berth couldn't read ${basename(path)} (${(err as Error).message}), so it uses the default ` +
          'settings and will not change that file. Fix its permissions, then restart Berth.',
      },
    };
  }
  const parsed = parseVersioned(text);
  if (parsed.kind === 'ok') return { ...parsed.loaded, problem: null, writable: true };
  const suffix = parsed.kind === 'newer' ? `v${parsed.version}` : 'damaged';
  const aside = `${path}.${suffix}-${fileTime(now())}`;
  try {
    await rename(path, aside);
  } catch (err) {
    return {
      ...defaults(),
      writable: false,
      problem: {
        ...problemFor(parsed, path),
        message: `${problemFor(parsed, path).message} Berth could not move it aside (${(err as Error).message}), so it will not change it.`,
      },
    };
  }
  return { ...defaults(), problem: { ...problemFor(parsed, path), setAsidePath: aside } };
}

type Parsed =
  | { kind: 'ok'; loaded: Pick<LoadedSettings, 'settings' | 'extra'> }
  | { kind: 'damaged'; reason: string }
  | { kind: 'newer'; version: number };

/** Works out what the text holds; pure, for the unit tests of every case. */
export function parseVersioned(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { kind: 'damaged', reason: `not JSON: ${(err as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { kind: 'damaged', reason: 'not a JSON object' };
  const record = raw as Record<string, unknown>;
  const version = Object.hasOwn(record, 'version') ? record.version : 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { kind: 'damaged', reason: `its version is ${JSON.stringify(version)}` };
  if (version > SETTINGS_VERSION) return { kind: 'newer', version };
  const current = version === 0 ? fromVersion0(record) : record;
  const result = settingsFileV1.safeParse(current);
  if (!result.success) return { kind: 'damaged', reason: describeIssues(result.error) };
  const settings = {} as Record<string, unknown>;
  const extra = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(result.data)) {
    if (key !== 'version') (Object.hasOwn(DEFAULT_SETTINGS, key) ? settings : extra)[key] = value;
  }
  return { kind: 'ok', loaded: { settings: settings as Settings, extra } };
}

/** Version 0 (before versions) held only `engineId`: it carries over as it was. */
function fromVersion0(record: Record<string, unknown>): Record<string, unknown> {
  return { ...record, version: SETTINGS_VERSION };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'file'}: ${i.message}`)
    .join('; ');
}

function problemFor(parsed: Exclude<Parsed, { kind: 'ok' }>, path: string): SettingsProblem {
  const name = basename(path);
  if (parsed.kind === 'newer') {
    return {
      kind: 'newer',
      path,
      version: parsed.version,
      message:
        `${name} was written by a newer Berth (settings version ${parsed.version}; this one reads ` +
        `version ${SETTINGS_VERSION}), so Berth started from the default settings and kept that file aside. ` +
        'Use the newer Berth to keep your settings, or choose them again here.',
    };
  }
  return {
    kind: 'damaged',
    path,
    message:
      `${name} was damaged (${parsed.reason}), so Berth started from the default settings and kept ` +
      'the damaged file aside. Choose your settings again here.',
  };
}
