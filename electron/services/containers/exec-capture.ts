// Runs a short command inside a container and collects what it printed, like
// `docker exec NAME CMD` without a terminal. For quick questions (`ps`, `kill`,
// `ls` of one folder), not for shells: the output is capped (exec-output.ts).
import type Docker from 'dockerode';
import { collectOutput, type OutputLimits } from './exec-output.ts';

export interface ExecResult {
  /** null when the engine could not tell (the process is still running). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The output passed the cap and was cut at its last whole line. */
  truncated: boolean;
}

export interface ExecOptions extends Partial<OutputLimits> {
  env?: string[];
  /**
   * The client that attaches to the output. Defaults to the one that creates
   * the exec; a long read needs one without the call client's timeout.
   */
  streams?: Docker;
}

/** More than any `ps` of a container prints. */
const DEFAULT_MAX_BYTES = 1 << 20;

export async function execCapture(
  docker: Docker,
  id: string,
  cmd: string[],
  { env, streams = docker, maxBytes = DEFAULT_MAX_BYTES, deadline }: ExecOptions = {},
): Promise<ExecResult> {
  const exec = await docker.getContainer(id).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    ...(env && { Env: env }),
  });
  const stream = await streams.getExec(exec.id).start({ hijack: true, stdin: false });
  const output = await collectOutput(
    (s, out, err) => streams.modem.demuxStream(s, out, err),
    stream,
    { maxBytes, deadline },
  );
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? null, ...output };
}

/**
 * True when the engine could not start the program at all: runc says
 * "executable file not found" (exit 126 from dockerd 20.10, 127 elsewhere).
 */
export function programMissing(result: ExecResult): boolean {
  const said = `${result.stdout}\n${result.stderr}`;
  return isMissingExecutable(said) || (result.exitCode === 127 && !said.trim());
}

/** The engine's words for a program that is not in the image. */
export function isMissingExecutable(text: string): boolean {
  return /executable file not found|no such file or directory/i.test(text);
}
