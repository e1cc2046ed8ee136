// `containers.top` and `containers.signalProcess`: the Processes tab.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import { ContractError } from '../../contract/errors.ts';
import type { ProcessList } from '../../contract/processes-channels.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { execCapture, programMissing, type ExecResult } from './exec-capture.ts';
import { containerPidFor, parsePsPidArgs, topPidCommands } from './process-pids.ts';

/**
 * The columns of the table. These are options of the `ps` on the ENGINE's host
 * (dockerd runs its own `ps` and keeps the container's PIDs), not of the
 * image's: procps takes them; an engine host whose `ps` is busybox's does not,
 * and then the engine's default (`-ef`) is the best there is.
 */
export const TOP_PS_ARGS = '-o pid,user,%cpu,%mem,args';

interface ProcessContext {
  docker(): Docker;
  nameOf(id: string): string;
}

const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

export function containerProcesses(
  ctx: ProcessContext,
): Pick<CallHandlers, 'containers.top' | 'containers.signalProcess'> {
  const top = async (id: string): Promise<ProcessList> => {
    const container = ctx.docker().getContainer(id);
    try {
      const got = (await container.top({ ps_args: TOP_PS_ARGS })) as EngineTop;
      return { titles: got.Titles, processes: got.Processes ?? [], psArgs: TOP_PS_ARGS };
    } catch (err) {
      // 500 is the engine's `ps` refusing the options; 404/409 (gone, not running) are for the user.
      if (statusOf(err) !== 500)
        throw failure(err, `Couldn't list the processes of ${ctx.nameOf(id)}`);
    }
    try {
      const got = (await container.top()) as EngineTop;
      return { titles: got.Titles, processes: got.Processes ?? [], psArgs: null };
    } catch (err) {
      throw failure(err, `Couldn't list the processes of ${ctx.nameOf(id)}`);
    }
  };

  return {
    'containers.top': top,
    'containers.signalProcess': async (id, { pid, signal }) => {
      const name = ctx.nameOf(id);
      const sig = signal.replace(/^SIG/, '');
      const doing = `Couldn't send ${sig} to PID ${pid} in ${name}`;
      const docker = ctx.docker();
      let mainPid: number | undefined;
      try {
        mainPid = (await docker.getContainer(id).inspect()).State?.Pid;
      } catch (err) {
        throw failure(err, doing);
      }
      // The kernel ignores a signal sent from inside the container to its PID 1 unless
      // that process handles it (`docker exec NAME kill 1` does nothing to a `sleep`),
      // so the main process gets it from the engine, as `docker kill --signal` does.
      if (pid === mainPid) {
        try {
          await docker.getContainer(id).kill({ signal: sig });
        } catch (err) {
          throw failure(err, doing);
        }
        return { containerPid: 1 };
      }
      const containerPid = await insidePid(docker, id, pid, await top(id), doing);
      const killed = await run(docker, id, ['kill', `-${sig}`, String(containerPid)], doing);
      if (programMissing(killed)) {
        throw new ContractError({
          kind: 'not-found',
          message: `${doing}: the image has no \`kill\` command, and the engine has no call that signals one process.`,
          engineMessage: said(killed),
          hint: 'Stop or kill the whole container instead, or add kill to the image (busybox and procps have it).',
        });
      }
      if (killed.exitCode !== 0) {
        throw new ContractError({
          kind: 'engine',
          message: `${doing}: kill said ${said(killed) || `exit ${killed.exitCode}`}`,
          engineMessage: said(killed),
        });
      }
      return { containerPid };
    },
  };
}

interface EngineTop {
  Titles: string[];
  Processes?: string[][];
}

async function insidePid(
  docker: Docker,
  id: string,
  hostPid: number,
  list: ProcessList,
  doing: string,
): Promise<number> {
  const ps = await run(docker, id, ['ps', '-o', 'pid,args'], doing);
  if (programMissing(ps) || ps.exitCode !== 0) {
    throw new ContractError({
      kind: 'not-found',
      message: `${doing}: Berth finds a process's PID inside the container with \`ps -o pid,args\`, and this image's ps ${programMissing(ps) ? 'is missing' : 'refused'}.`,
      engineMessage: said(ps),
      hint: 'Only the main process can be signalled without ps (Kill on the container does that).',
    });
  }
  const found = containerPidFor(hostPid, topPidCommands(list), parsePsPidArgs(ps.stdout));
  if (typeof found === 'string')
    throw new ContractError({ kind: 'conflict', message: `${doing}: ${found}.` });
  return found;
}

async function run(docker: Docker, id: string, cmd: string[], doing: string): Promise<ExecResult> {
  try {
    return await execCapture(docker, id, cmd);
  } catch (err) {
    throw failure(err, doing);
  }
}

const said = (r: ExecResult) => `${r.stdout}${r.stderr}`.trim();
const failure = (err: unknown, doing: string) => new ContractError(toErrorEnvelope(err, doing));
