// Stacks: services (and their networks, secrets, configs) grouped by the
// `com.docker.stack.namespace` label that `docker stack deploy` puts on
// each. Listing and removing need only the engine; deploying reads a compose
// file, which the engine cannot, so it runs the docker CLI on Berth's machine
// pointed at the engine shown, as Compose does (compose-run.ts).
import { execFile } from 'node:child_process';
import type Docker from 'dockerode';
import {
  STACK_CLI_HINT,
  STACK_NAMESPACE,
  type StackCliInfo,
  type StackDeployRequest,
  type StackRemoval,
} from '../../contract/swarm-channels.ts';
import { ContractError } from '../../contract/errors.ts';
import type { EngineEndpoint } from '../../engine/endpoint.ts';
import { cliEnv } from '../compose/compose-run.ts';
import { engineRequest } from './swarm-engine.ts';
import { asManager } from './swarm-status.ts';

/** Services, secrets and configs answer `ID`; networks answer `Id`. */
interface Named {
  ID?: string;
  Id?: string;
  Name?: string;
  Spec?: { Name?: string };
}

const idOf = (o: Named) => o.ID ?? o.Id ?? '';
const nameOf = (o: Named) => o.Spec?.Name ?? o.Name ?? idOf(o);

/**
 * As `docker stack rm`: the stack's services first (their tasks then stop),
 * then its secrets, configs and networks. Each part goes on past one that
 * fails; the first failure is thrown after all were tried.
 */
export function removeStack(docker: Docker, name: string): Promise<StackRemoval> {
  const filters = JSON.stringify({ label: [`${STACK_NAMESPACE}=${name}`] });
  const list = (path: string) =>
    engineRequest<Named[]>(docker, { method: 'GET', path, query: { filters } });
  return asManager(docker, async () => {
    const removed: StackRemoval = { services: [], networks: [], secrets: [], configs: [] };
    const [services, networks, secrets, configs] = await Promise.all([
      list('/services'),
      list('/networks'),
      list('/secrets'),
      list('/configs'),
    ]);
    if (services.length + networks.length + secrets.length + configs.length === 0) {
      throw new ContractError({ kind: 'not-found', message: `There is no stack named ${name}.` });
    }
    const failures: unknown[] = [];
    const remove = async (kind: keyof StackRemoval, path: string, items: Named[]) => {
      for (const item of items) {
        try {
          await engineRequest(docker, {
            method: 'DELETE',
            path: `${path}/${encodeURIComponent(idOf(item))}`,
          });
          removed[kind].push(nameOf(item));
        } catch (err) {
          failures.push(err);
        }
      }
    };
    await remove('services', '/services', services);
    await remove('secrets', '/secrets', secrets);
    await remove('configs', '/configs', configs);
    await remove('networks', '/networks', networks);
    if (failures.length) throw failures[0];
    return removed;
  });
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'docker',
      args,
      { env, timeout, encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(Object.assign(err, { stdout, stderr })) : resolve({ stdout, stderr }),
    );
  });
}

export async function stackCli(env: NodeJS.ProcessEnv): Promise<StackCliInfo> {
  try {
    const { stdout } = await run(['--version'], env, 15_000);
    const version = /version ([\w.+-]+)/i.exec(stdout)?.[1] ?? null;
    return { version, hint: version ? '' : STACK_CLI_HINT };
  } catch {
    return { version: null, hint: STACK_CLI_HINT };
  }
}

/** `docker stack deploy --compose-file FILE NAME` on the engine shown; the CLI's output, or its own error. */
export async function deployStack(
  endpoint: EngineEndpoint,
  env: NodeJS.ProcessEnv,
  request: StackDeployRequest,
): Promise<{ output: string }> {
  if (!(await stackCli(env)).version) {
    throw new ContractError({
      kind: 'not-found',
      message: 'There is no docker CLI on the machine Berth runs on.',
      hint: STACK_CLI_HINT,
    });
  }
  try {
    const { stdout, stderr } = await run(
      ['stack', 'deploy', '--compose-file', request.file, request.name],
      cliEnv(env, endpoint),
      5 * 60_000,
    );
    return { output: `${stdout}${stderr}` };
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    const words = (e.stderr || e.stdout || e.message).trim();
    throw new ContractError({
      kind: 'engine',
      message: `Couldn't deploy stack ${request.name}: ${words.split('\n').slice(-3).join(' ')}`,
      engineMessage: words,
      hint: 'Check the compose file (version 3 syntax, images every node can get), then deploy again.',
    });
  }
}
