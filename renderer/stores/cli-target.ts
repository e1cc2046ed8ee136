// How the user's own docker CLI reaches the engine the app uses, for the
// commands the UI shows: the managed engine's context, or -H when the engine
// is not at the CLI's default socket.
import { useShallow } from 'zustand/react/shallow';
import type { CliTarget, Shell } from '../../electron/contract/run-spec/run-command.ts';
import { useEngineStore } from './engine-store.ts';

export function cliTargetOf(state: ReturnType<typeof useEngineStore.getState>): CliTarget {
  const { status, candidates } = state;
  if (status?.cliHint) return { context: status.cliHint.context };
  const shown = candidates.find((c) => c.id === status?.engineId);
  if (shown?.cliContext) return { context: shown.cliContext };
  const endpoint = shown?.endpoint;
  return endpoint && endpoint !== 'unix:///var/run/docker.sock' ? { host: endpoint } : {};
}

export function useCliTarget(): CliTarget {
  return useEngineStore(useShallow(cliTargetOf));
}

/** PowerShell on Windows, a POSIX shell elsewhere. */
export function defaultShell(): Shell {
  return navigator.userAgent.includes('Windows') ? 'powershell' : 'posix';
}
