// The three terminal streams over the engine's hijacked sockets: `docker exec
// -it`, `docker attach`, and `docker run --rm -it IMAGE sh`. Output is the raw
// TTY byte stream piped (with back-pressure: when the transport pauses it, the
// engine socket stops being read) into a stream that ends with one line saying
// how the program ended; a container that stopped ends it with an error.
import { PassThrough, Writable, type Duplex, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { AttachQuery, ExecQuery, ImageShellQuery } from '../../contract/terminals-channels.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { execCapture, isMissingExecutable, programMissing } from '../containers/exec-capture.ts';
import { chooseShell, SHELL_PROBE } from './shell-choice.ts';

/** What the transport's pump takes from a terminal (its TwoWayStream). */
export interface TerminalStream {
  output: Readable;
  input: Writable;
  resize(cols: number, rows: number): Promise<void>;
}

/** Ctrl-C for a program in the foreground, then Ctrl-D: a shell at its prompt exits. */
const HANG_UP = '\x03\x04';

const stoppedError = (what: string) =>
  new ContractError({
    kind: 'conflict',
    message: `The container stopped, so ${what} closed.`,
    hint: 'Start the container, then Reconnect.',
  });

const noShellError = () =>
  new ContractError({
    kind: 'not-found',
    message: 'This container has neither bash nor sh, so there is no shell to open.',
    hint: 'Type a program the image has in the Command field, then Reconnect.',
  });

/**
 * Pipes `socket` into the returned output and, when it ends, asks `epilogue`
 * for a last line (or an error that ends the output instead).
 */
function terminalOutput(
  socket: Duplex,
  epilogue: () => Promise<string | ContractError>,
  hangUp?: string,
): PassThrough {
  const out = new PassThrough();
  socket.pipe(out, { end: false });
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    epilogue()
      .catch((err: unknown) => new ContractError(toErrorEnvelope(err, 'The terminal closed')))
      .then((last) => {
        if (out.destroyed) return;
        if (last instanceof ContractError) out.destroy(last);
        else out.end(last);
      })
      .catch((err: unknown) => out.destroy(err as Error));
  };
  socket.once('end', finish);
  socket.once('close', finish);
  socket.once('error', finish);
  out.once('close', () => {
    if (ended || !hangUp || !socket.writable) return void socket.destroy();
    // Closed by the user while the program runs. The engine has no call to end
    // an exec, and dropping the connection leaves its shell running, so type
    // what ends one (interrupt, then end-of-input) and let go soon after.
    const timer = setTimeout(() => socket.destroy(), 2_000);
    socket.once('close', () => clearTimeout(timer));
    socket.end(hangUp);
  });
  return out;
}

async function isRunning(docker: Docker, id: string): Promise<boolean> {
  try {
    return (await docker.getContainer(id).inspect()).State.Running;
  } catch {
    return false;
  }
}

/**
 * Whether the container stopped with the program. A program killed by a signal
 * (or never reaped) may be the container stopping, whose state the engine
 * updates a moment after the exec's socket closes: look again for a while.
 */
async function stoppedSoon(docker: Docker, id: string, code: number | null): Promise<boolean> {
  const looks = code === null || code >= 128 ? 10 : 1;
  for (let i = 0; i < looks; i++) {
    if (i) await new Promise((resolve) => setTimeout(resolve, 200));
    if (!(await isRunning(docker, id))) return true;
  }
  return false;
}

/** bash where the container has it, else sh; a clear error when it has neither. */
export async function defaultShell(docker: Docker, id: string): Promise<string> {
  let probe;
  try {
    probe = await execCapture(docker, id, SHELL_PROBE);
  } catch (err) {
    if (isMissingExecutable(toErrorEnvelope(err).message)) throw noShellError();
    throw err;
  }
  const shell = programMissing(probe) ? undefined : chooseShell(probe.stdout, probe.exitCode);
  if (!shell) throw noShellError();
  return shell;
}

export async function openExec(docker: Docker, q: ExecQuery): Promise<TerminalStream> {
  const container = docker.getContainer(q.id);
  const command = q.command ?? [await defaultShell(docker, q.id)];
  const exec = await container.exec({
    Cmd: command,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    // API 1.42+ sizes the TTY before the program starts; older engines ignore
    // it, so the resize below follows at once.
    ConsoleSize: [q.rows, q.cols],
  } as Docker.ExecCreateOptions);
  const socket = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const resize = async (cols: number, rows: number) => {
    await exec.resize({ w: cols, h: rows });
  };
  await resize(q.cols, q.rows).catch(() => {
    // The program may already have exited; its output and end say so.
  });
  const output = terminalOutput(
    socket,
    async () => {
      const code = (await exec.inspect()).ExitCode;
      if (await stoppedSoon(docker, q.id, code)) return stoppedError('this terminal');
      return `\r\n[${command[0]} exited${code === null ? '' : ` with code ${code}`}.]\r\n`;
    },
    HANG_UP,
  );
  return { output, input: keyboard(socket), resize };
}

/**
 * The socket's writing side for the transport, which destroys a stream's input
 * as soon as its output ends: destroying this one leaves the socket to the
 * output's hang-up, so a closed terminal still ends its shell.
 */
function keyboard(socket: Duplex): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
  });
}

/** The container's stdin, stdout and stderr on one hijacked socket. */
async function attachBothWays(container: Docker.Container): Promise<Duplex> {
  const options = { stream: true, stdin: true, stdout: true, stderr: true, hijack: true };
  return (await container.attach(options)) as Duplex;
}

export async function openAttach(docker: Docker, q: AttachQuery): Promise<TerminalStream> {
  const container = docker.getContainer(q.id);
  const info = await container.inspect();
  if (!info.State.Running) {
    throw new ContractError({
      kind: 'conflict',
      message: 'The container is not running, so there is no process to attach to.',
      hint: 'Start it first, or open a shell in its image.',
    });
  }
  const socket = await attachBothWays(container);
  const tty = info.Config.Tty;
  const resize = async (cols: number, rows: number) => {
    // Without a TTY the process has no size to change.
    if (tty) await container.resize({ w: cols, h: rows });
  };
  await resize(q.cols, q.rows);
  const epilogue = async () =>
    (await isRunning(docker, q.id))
      ? '\r\n[Detached; the container keeps running.]\r\n'
      : stoppedError("the main process's terminal");
  if (tty) return { output: terminalOutput(socket, epilogue), input: socket, resize };
  // Without a TTY the engine frames stdout and stderr; unframe them into one terminal.
  const plain = new PassThrough();
  docker.modem.demuxStream(socket, plain, plain);
  socket.once('end', () => plain.end());
  const output = terminalOutput(plain as unknown as Duplex, epilogue);
  output.once('close', () => socket.destroy());
  return { output, input: socket, resize };
}

export async function openImageShell(docker: Docker, q: ImageShellQuery): Promise<TerminalStream> {
  const command = q.command ?? ['sh'];
  const container = await docker.createContainer({
    Image: q.image,
    Cmd: command,
    Tty: true,
    OpenStdin: true,
    // The shell gets end-of-input when the terminal closes, so the container
    // stops and AutoRemove takes it away.
    StdinOnce: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: { AutoRemove: true },
  });
  const socket = await attachBothWays(container);
  try {
    await container.start();
  } catch (err) {
    socket.destroy();
    await container.remove({ force: true }).catch(() => {
      // AutoRemove may have taken it already.
    });
    const envelope = toErrorEnvelope(err, `Couldn't run ${command[0]} in ${q.image}`);
    if (!q.command && isMissingExecutable(envelope.message)) {
      throw new ContractError({ ...envelope, ...noShellError().envelope });
    }
    throw new ContractError(envelope);
  }
  const resize = async (cols: number, rows: number) => {
    await container.resize({ w: cols, h: rows });
  };
  await resize(q.cols, q.rows).catch(() => {
    // The shell may already have exited; its end says so.
  });
  const output = terminalOutput(
    socket,
    async () => `\r\n[${command[0]} exited; its throwaway container is removed.]\r\n`,
  );
  output.once('close', () => {
    // Closing the socket ends the shell's input; a shell ignoring it is stopped.
    void container.stop({ t: 1 }).catch(() => {
      // Already gone (AutoRemove).
    });
  });
  return { output, input: socket, resize };
}
