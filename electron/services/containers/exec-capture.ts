// Runs a short command inside a container and collects what it printed, like
// `docker exec NAME CMD` without a terminal. For quick questions (`ps`, `kill`),
// not for shells: the output is capped, and the call client's timeout applies.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  /** null when the engine could not tell (the process is still running). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** More than any `ps` of a container prints; past it the rest is dropped. */
const MAX_OUTPUT = 1 << 20;

export async function execCapture(docker: Docker, id: string, cmd: string[]): Promise<ExecResult> {
  const exec = await docker.getContainer(id).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const collect = () => {
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (chunk: Buffer) => {
      if (text.length < MAX_OUTPUT) text += chunk.toString('utf8');
    });
    return { sink, text: () => text };
  };
  const out = collect();
  const err = collect();
  docker.modem.demuxStream(stream, out.sink, err.sink);
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? null, stdout: out.text(), stderr: err.text() };
}

/**
 * True when the engine could not start the program at all: runc says
 * "executable file not found" (exit 126 from dockerd 20.10, 127 elsewhere).
 */
export function programMissing(result: ExecResult): boolean {
  const said = `${result.stdout}\n${result.stderr}`;
  return (
    /executable file not found|no such file or directory/i.test(said) ||
    (result.exitCode === 127 && !said.trim())
  );
}
