// Options both faces accept: where the app keeps its data and which engine to use.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AppOptions {
  /** `auto` (default), `managed`, or an endpoint URL such as unix:///var/run/docker.sock. */
  engine: string;
  dataDir: string;
}

/** The app's data folder: BERTH_DATA_DIR, else the OS's usual place. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home = homedir(),
): string {
  if (env.BERTH_DATA_DIR) return env.BERTH_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Berth');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'berth');
}

/** Reads `--name value` and `--name=value` flags; unknown flags are an error, not ignored. */
export function parseFlags(argv: string[], known: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !known.includes(match[1]!)) {
      throw new Error(`Unknown argument "${arg}". Known: ${known.map((k) => `--${k}`).join(', ')}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    flags[match[1]!] = value;
  }
  return flags;
}

export function validateEngineFlag(value: string): string {
  if (['auto', 'managed', 'vm'].includes(value) || /^(unix|tcp|npipe):\/\/.+/.test(value))
    return value;
  throw new Error(
    `--engine takes auto, managed, vm, or an endpoint like unix:///var/run/docker.sock (got "${value}")`,
  );
}
