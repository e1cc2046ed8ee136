// Which terminals each container has, kept outside the page's components so a
// running session (and its scrollback) outlives leaving the page. Pure
// functions over a plain map; the store in terminal-store.ts holds the map.

export interface TerminalEntry<S> {
  /** 1, 2, ... within its container: the tab and region are named "Terminal N". */
  number: number;
  session: S;
}

export interface ContainerTerminals<S> {
  entries: TerminalEntry<S>[];
  active?: number;
}

export type TerminalRegistry<S> = Readonly<Record<string, ContainerTerminals<S>>>;

export const terminalName = (number: number) => `Terminal ${number}`;

/**
 * Adds a terminal for `containerId`, numbered one past the highest open one
 * (closing Terminal 2 of three does not rename Terminal 3), and makes it active.
 */
export function addTerminal<S>(
  registry: TerminalRegistry<S>,
  containerId: string,
  session: S,
): { registry: TerminalRegistry<S>; number: number } {
  const current = registry[containerId]?.entries ?? [];
  const number = Math.max(0, ...current.map((e) => e.number)) + 1;
  return {
    number,
    registry: {
      ...registry,
      [containerId]: { entries: [...current, { number, session }], active: number },
    },
  };
}

/** Removes a terminal; the one before it (or the first) becomes active. */
export function removeTerminal<S>(
  registry: TerminalRegistry<S>,
  containerId: string,
  number: number,
): TerminalRegistry<S> {
  const current = registry[containerId];
  if (!current) return registry;
  const index = current.entries.findIndex((e) => e.number === number);
  if (index < 0) return registry;
  const entries = current.entries.filter((e) => e.number !== number);
  if (!entries.length) {
    const { [containerId]: _gone, ...rest } = registry;
    return rest;
  }
  const active =
    current.active === number ? entries[Math.max(0, index - 1)]!.number : current.active;
  return { ...registry, [containerId]: { entries, active } };
}

export function activateTerminal<S>(
  registry: TerminalRegistry<S>,
  containerId: string,
  number: number,
): TerminalRegistry<S> {
  const current = registry[containerId];
  if (!current?.entries.some((e) => e.number === number)) return registry;
  return { ...registry, [containerId]: { ...current, active: number } };
}
