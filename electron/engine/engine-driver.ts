// What the supervisor needs from an engine, whatever runs it: a private
// dockerd here, a QEMU VM on macOS/Windows later, a fake in unit tests.

/**
 * One named piece of work with its own deadline. The name is the user's word
 * for it ("create bridge"): it is shown while the step runs and travels with
 * the error when the step fails or times out.
 */
export interface EngineStep {
  readonly name: string;
  readonly timeoutMs: number;
  /**
   * Does the work. Must give up promptly when `signal` aborts (timeout or stop).
   * May resolve with a short note for the history ("adopted dockerd 1234").
   */
  run(signal: AbortSignal): Promise<string | void>;
  /**
   * What the engine last said while this step ran (the VM: its console's last
   * line), for the timeout's message: a step that hangs says where.
   */
  lastWords?(): string | undefined;
}

/** How the engine process ended. Both null when it was not our child (adopted). */
export interface EngineExit {
  pid: number;
  code: number | null;
  signal: string | null;
}

export type Unsubscribe = () => void;

/** Whether the engine answered a ping, and if not, why in a few words. */
export type EnginePing = { ok: true } | { ok: false; reason: string };

export interface EngineDriver {
  /** The steps that bring the engine up; after the last one it answers requests. */
  startSteps(): readonly EngineStep[];
  /** Whether an engine process (spawned or adopted) is alive now. */
  isRunning(): boolean;
  /**
   * Asks the running engine whether it answers. Resolves with the outcome
   * rather than throwing, and gives up when `signal` aborts or after `timeoutMs`.
   */
  ping(opts: { timeoutMs: number; signal: AbortSignal }): Promise<EnginePing>;
  /** Signals the engine process; does nothing when none runs. */
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Tidies up after the process is gone (pidfile, stale socket); never deletes data. */
  cleanup(): Promise<void>;
  /** Called once per engine process, when it ends for any reason. */
  onExit(listener: (exit: EngineExit) => void): Unsubscribe;
  /** Each line the engine writes to its log. */
  onLogLine(listener: (line: string) => void): Unsubscribe;
  /** Stops watching the process and its log; leaves the process alone. */
  dispose(): void;
}

export function describeExit(exit: EngineExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code !== null) return `exit code ${exit.code}`;
  return 'process gone';
}
