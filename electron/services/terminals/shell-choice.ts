// Which shell a terminal runs by default. One short exec asks the container's
// own sh whether bash is there, so the choice matches what `docker exec -it C
// bash` would find on its PATH; an image without sh cannot even answer.

/** The probe run inside the container (through sh, which every answerable image has). */
export const SHELL_PROBE = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && echo bash || echo sh'];

/**
 * The shell to run, from the probe's output and exit code; undefined when the
 * probe could not run (no sh: the engine's "executable file not found" instead).
 */
export function chooseShell(output: string, exitCode: number | null): 'bash' | 'sh' | undefined {
  if (exitCode !== 0) return undefined;
  const last = output.trim().split(/\s+/).pop();
  return last === 'bash' || last === 'sh' ? last : undefined;
}
