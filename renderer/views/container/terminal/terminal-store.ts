// The open terminals of every container, outside any component: leaving a
// container's page and coming back finds its sessions running.
import { create } from 'zustand';
import {
  activateTerminal,
  addTerminal,
  removeTerminal,
  type TerminalRegistry,
} from './terminal-registry.ts';
import { TerminalSession, type SessionTarget } from './terminal-session.ts';

interface TerminalsStore {
  registry: TerminalRegistry<TerminalSession>;
  open(containerId: string, target: SessionTarget): void;
  close(containerId: string, number: number): void;
  activate(containerId: string, number: number): void;
}

export const useTerminalsStore = create<TerminalsStore>((set, get) => ({
  registry: {},
  open: (containerId, target) =>
    set({
      registry: addTerminal(get().registry, containerId, new TerminalSession(target)).registry,
    }),
  close: (containerId, number) => {
    const entry = get().registry[containerId]?.entries.find((e) => e.number === number);
    entry?.session.dispose();
    set({ registry: removeTerminal(get().registry, containerId, number) });
  },
  activate: (containerId, number) =>
    set({ registry: activateTerminal(get().registry, containerId, number) }),
}));
