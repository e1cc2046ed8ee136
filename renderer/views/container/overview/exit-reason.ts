// A container's state in words a beginner knows, and why it stopped: the exit
// code explained. Codes above 128 are 128 + the signal that ended the process,
// so 137 is SIGKILL (Kill, a Stop whose grace period ran out, or the kernel's
// out-of-memory killer: the OOMKilled flag tells the last one apart) and 143
// is SIGTERM (a Stop the process obeyed).

/** The parts of `docker inspect`'s State this reads. */
export interface EngineState {
  Status?: string;
  ExitCode?: number;
  OOMKilled?: boolean;
  /** Set when the engine could not start the command at all ("exec: … not found"). */
  Error?: string;
}

export interface StateWords {
  /** One line: "running", "stopped: out of memory", "failed with exit code 3". */
  words: string;
  /** Why it stopped, in a sentence or two; only for a container that stopped. */
  reason?: string;
  /** Stopped by an error rather than on purpose or by finishing. */
  failed: boolean;
}

export function explainState(state: EngineState): StateWords {
  switch (state.Status) {
    case 'running':
      return { words: 'running', failed: false };
    case 'paused':
      return { words: 'paused: its processes are frozen until you resume it', failed: false };
    case 'restarting':
      return {
        words: 'restarting: it stopped and its restart policy starts it again',
        failed: false,
      };
    case 'created':
      return { words: 'created, not started yet', failed: false };
    case 'removing':
      return { words: 'being removed', failed: false };
    default:
      return explainExit(state);
  }
}

export function explainExit(state: EngineState): StateWords {
  const code = state.ExitCode ?? 0;
  const engine = state.Error ? ` The engine said: ${state.Error}` : '';
  if (state.OOMKilled) {
    return {
      words: 'stopped: out of memory',
      reason:
        `The system killed it because it used more memory than it may (exit code ${code}). ` +
        `Give it a higher memory limit in Settings, or make it use less.${engine}`,
      failed: true,
    };
  }
  switch (code) {
    case 0:
      return {
        words: 'finished',
        reason: `Its command ended by itself, successfully (exit code 0).${engine}`,
        failed: Boolean(state.Error),
      };
    case 137:
      return {
        words: 'killed',
        reason:
          'It was killed (exit code 137, SIGKILL): by Kill, by Stop when it ignored the ' +
          `polite signal until the grace period ran out, or by the system for lack of memory.${engine}`,
        failed: true,
      };
    case 143:
      return {
        words: 'stopped',
        reason: `It was asked to stop and did (exit code 143, SIGTERM).${engine}`,
        failed: false,
      };
    case 126:
      return {
        words: 'failed: command not runnable',
        reason:
          'Its command was found but could not be run (exit code 126): it is not an ' +
          `executable file, or permission is denied. Check the command in Settings.${engine}`,
        failed: true,
      };
    case 127:
      return {
        words: 'failed: command not found',
        reason:
          'Its command does not exist in the image (exit code 127). Check the command in ' +
          `Settings, and that the image has that program.${engine}`,
        failed: true,
      };
    default:
      return {
        words: `failed with exit code ${code}`,
        reason:
          `Its command ended with exit code ${code}, which means an error. ` +
          `Its log usually says why.${engine}`,
        failed: true,
      };
  }
}
