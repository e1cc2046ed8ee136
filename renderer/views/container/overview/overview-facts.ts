// What the Overview shows, read from `docker inspect` (an untyped JSON object
// as the contract passes it): every field checked, so an older engine that
// leaves one out shows less rather than breaking the page.
import type { EngineState } from './exit-reason.ts';

export interface NetworkFact {
  name: string;
  ip: string;
}

export interface MountFact {
  /** volume, bind, tmpfs */
  type: string;
  /** The volume's name or the host path. */
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface OverviewFacts {
  image: string;
  /** The command as one line: entrypoint and arguments. */
  command: string;
  state: EngineState;
  startedAt?: string;
  finishedAt?: string;
  networks: NetworkFact[];
  mounts: MountFact[];
  /** Started with `--rm`: the engine removes it, and its log, when it stops. */
  autoRemove: boolean;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
/** The engine's zero time for "never". */
const when = (v: unknown): string | undefined => {
  const s = str(v);
  return s && !s.startsWith('0001-') ? s : undefined;
};

/** Quotes an argument only when a shell would split it, for reading, not for pasting. */
function shown(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

export function overviewFacts(info: Record<string, unknown>): OverviewFacts {
  const config = obj(info.Config);
  const state = obj(info.State);
  const host = obj(info.HostConfig);
  const path = str(info.Path);
  const args = strs(info.Args);
  const networks = Object.entries(obj(obj(info.NetworkSettings).Networks)).map(([name, n]) => ({
    name,
    ip: str(obj(n).IPAddress) || str(obj(n).GlobalIPv6Address),
  }));
  const mounts = (Array.isArray(info.Mounts) ? info.Mounts : []).map((m) => {
    const o = obj(m);
    return {
      type: str(o.Type),
      source: str(o.Name) || str(o.Source),
      destination: str(o.Destination),
      readOnly: o.RW === false,
    };
  });
  const startedAt = when(state.StartedAt);
  const finishedAt = when(state.FinishedAt);
  return {
    image: str(config.Image) || str(info.Image),
    command: [path, ...args].filter(Boolean).map(shown).join(' '),
    state: {
      Status: str(state.Status),
      ExitCode: typeof state.ExitCode === 'number' ? state.ExitCode : 0,
      OOMKilled: state.OOMKilled === true,
      Error: str(state.Error),
    },
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    networks: networks.sort((a, b) => a.name.localeCompare(b.name)),
    mounts,
    autoRemove: host.AutoRemove === true,
  };
}
