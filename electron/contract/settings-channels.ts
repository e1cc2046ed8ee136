// The settings domain of the contract: the user's lasting choices (kept in
// <dataDir>/settings.json, see electron/services/settings.ts), what went wrong
// reading that file, and one event so every window and both faces stay equal.
import { z } from 'zod';
import { remoteEngineRecord } from './engine-remote.ts';
import { engineId } from './refs.ts';
import { DEFAULT_VM_RESOURCES, vmResources } from './vm-channels.ts';

/** The version of settings.json this app writes; a file without one is version 0. */
export const SETTINGS_VERSION = 1;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Containers grid columns the user may hide (Name, State and Actions always show). */
export const OPTIONAL_CONTAINER_COLUMNS = ['image', 'stats', 'ports', 'created'] as const;
export type OptionalContainerColumn = (typeof OPTIONAL_CONTAINER_COLUMNS)[number];

export const LOG_CAP_RANGE = { min: 1_000, max: 1_000_000 } as const;
export const TERMINAL_FONT_SIZE_RANGE = { min: 8, max: 32 } as const;

/** What a font-family list may hold: names, quotes, commas; nothing that ends a CSS value. */
const fontFamily = z
  .string()
  .trim()
  .min(1, 'Terminal font: name at least one font')
  .max(200, 'Terminal font: at most 200 characters')
  .regex(/^[\w ,'".-]+$/, 'Terminal font: letters, digits, spaces, quotes, commas and dashes only');

/** A host folder for the VM: absolute (`/Users/me/code`, or `C:\\Users\\me` on Windows), one line. */
const vmFolder = z
  .string()
  .min(1, 'Shared folder: name a folder')
  .max(4096, 'Shared folder: at most 4096 characters')
  .regex(/^(\/|[A-Za-z]:[\\/])/, 'Shared folder: an absolute path (/Users/me/code, C:\\Users\\me)')
  .regex(/^[^\0\t\n\r]*$/, 'Shared folder: no tab, line break or NUL in its name');

/**
 * A folder the VM shares: its path, or `{ folder, transport, share }`. `transport`:
 * 9p (Linux, macOS; the default there) or smb (Windows' only one; on Linux, QEMU's
 * own server for one folder). `share`: the folder's share name on Windows (its
 * own name by default), as Windows' sharing dialog allows it.
 */
export const vmSharedFolder = z.union([
  vmFolder,
  z
    .object({
      folder: vmFolder,
      transport: z.enum(['9p', 'smb']).optional(),
      share: z
        .string()
        .regex(
          /^[^"/\\[\]:|<>+=;,?*]{1,80}$/,
          'Shared folder: a Windows share name of 1-80 characters, without "/\\[]:|<>+=;,?*',
        )
        .refine(
          (v) => ![...v].some((c) => c.charCodeAt(0) < 32),
          'Shared folder: no control characters in a share name',
        )
        .optional(),
    })
    .strict(),
]);
export type VmSharedFolder = z.output<typeof vmSharedFolder>;

/** Each setting's schema; the defaults are what a new (or set-aside) file starts from. */
export const settingFields = {
  /** The engine chosen on the Engine or Settings page; null picks automatically. */
  engineId: engineId.nullable().default(null),
  hiddenContainerColumns: z
    .array(z.enum(OPTIONAL_CONTAINER_COLUMNS))
    .max(OPTIONAL_CONTAINER_COLUMNS.length)
    .refine((a) => new Set(a).size === a.length, 'Columns: each column once')
    .default([]),
  logBufferCap: z
    .number()
    .int('Log buffer: a whole number of lines')
    .min(LOG_CAP_RANGE.min, `Log buffer: at least ${LOG_CAP_RANGE.min.toLocaleString('en')} lines`)
    .max(LOG_CAP_RANGE.max, `Log buffer: at most ${LOG_CAP_RANGE.max.toLocaleString('en')} lines`)
    .default(50_000),
  theme: z.enum(THEMES).default('system'),
  terminalFontFamily: fontFamily.default('ui-monospace, Menlo, Consolas, monospace'),
  terminalFontSize: z
    .number()
    .int('Terminal font size: a whole number')
    .min(
      TERMINAL_FONT_SIZE_RANGE.min,
      `Terminal font size: at least ${TERMINAL_FONT_SIZE_RANGE.min}`,
    )
    .max(
      TERMINAL_FONT_SIZE_RANGE.max,
      `Terminal font size: at most ${TERMINAL_FONT_SIZE_RANGE.max}`,
    )
    .default(13),
  /** What Berth's Linux VM gets at its next start (vm.setResources changes it). */
  vmResources: vmResources.default(DEFAULT_VM_RESOURCES),
  /**
   * Host folders the VM shares (at the same path; Windows: C:\\Users at /c/Users);
   * null shares the home folder. Their form is checked here; whether each exists
   * and may be shared, at the VM's start (engine/vm/vm-shares.ts), which skips a
   * bad one with a reason instead of setting the whole file aside.
   */
  vmSharedFolders: z.array(vmSharedFolder).max(64).nullable().default(null),
  /**
   * Engines the user added on the Engine page. Written only by the app once an
   * engine answered (engine.add), never by a settings patch from a window.
   */
  remoteEngines: z.array(remoteEngineRecord).max(64).default([]),
};

/** A version-1 file: every setting (missing ones take their default), unknown keys kept. */
export const settingsFileV1 = z
  .object({ version: z.literal(SETTINGS_VERSION), ...settingFields })
  .loose();

export type Settings = z.output<z.ZodObject<typeof settingFields>>;

export const DEFAULT_SETTINGS: Settings = z.object(settingFields).parse({});

/** A change to one or more settings: each field checked as the file's own are. */
export const settingsPatch = z
  .object({
    engineId: settingFields.engineId.unwrap(),
    hiddenContainerColumns: settingFields.hiddenContainerColumns.unwrap(),
    logBufferCap: settingFields.logBufferCap.unwrap(),
    theme: settingFields.theme.unwrap(),
    terminalFontFamily: settingFields.terminalFontFamily.unwrap(),
    terminalFontSize: settingFields.terminalFontSize.unwrap(),
    vmResources: settingFields.vmResources.unwrap(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.input<typeof settingsPatch>;

/** settings.json could not be used as it was; the app runs on defaults meanwhile. */
export interface SettingsProblem {
  /** damaged: not JSON, or the wrong shape; newer: written by a newer Berth; unreadable: the OS refused. */
  kind: 'damaged' | 'newer' | 'unreadable';
  /** What happened and what the app did, in plain words. */
  message: string;
  /** The file that was read. */
  path: string;
  /** Where it was moved to (never deleted); absent when it could not be moved. */
  setAsidePath?: string;
  /** The version a newer file declared. */
  version?: number;
}

export interface SettingsState {
  settings: Settings;
  problem: SettingsProblem | null;
  /** The settings file, to name in the page. */
  path: string;
}

export interface SettingsCalls {
  'settings.get': { args: []; result: SettingsState };
  /** Changes the given settings and answers the new state (also sent as `settings.changed`). */
  'settings.update': { args: [patch: SettingsPatch]; result: SettingsState };
}

export const settingsCallArgs: {
  [K in keyof SettingsCalls]: z.ZodType<SettingsCalls[K]['args']>;
} = {
  'settings.get': z.tuple([]),
  'settings.update': z.tuple([settingsPatch]),
};

export interface SettingsEvents {
  'settings.changed': SettingsState;
}
