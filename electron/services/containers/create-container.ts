// Makes a container from the dialog's run spec, as `docker run` would: the
// image must be local or pulled first, bind mounts go through
// HostConfig.Mounts (a missing folder is an error, not a new root-owned one),
// and a container that fails to start is removed, never left half-made.
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { RunSpec } from '../../contract/run-spec/spec.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { hintForEngineMessage } from './engine-hints.ts';

/** A pull that cannot reach a registry must fail in seconds, not hang. */
const PULL_TIMEOUT_MS = 20_000;

export interface CreatedContainer {
  id: string;
  name: string;
  warnings: string[];
}

export function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({
      HostIp: p.hostIp ?? '',
      HostPort: p.hostPort ? String(p.hostPort) : '',
    });
  }
  const mounts = spec.volumes.map((v) =>
    v.type === 'anonymous'
      ? { Type: 'volume' as const, Source: '', Target: v.target, ReadOnly: v.readOnly }
      : { Type: v.type, Source: v.source, Target: v.target, ReadOnly: v.readOnly },
  );
  return {
    Image: spec.image,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.command?.length ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint ? { Entrypoint: [spec.entrypoint] } : {}),
    Env: spec.env,
    Labels: spec.labels,
    ...(spec.user ? { User: spec.user } : {}),
    ...(spec.workdir ? { WorkingDir: spec.workdir } : {}),
    ExposedPorts: exposed,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    StdinOnce: false,
    HostConfig: {
      PortBindings: bindings,
      PublishAllPorts: spec.publishAll,
      Mounts: mounts,
      RestartPolicy: { Name: spec.restart.name, MaximumRetryCount: spec.restart.maxRetries ?? 0 },
      ...(spec.memoryBytes !== undefined ? { Memory: spec.memoryBytes } : {}),
      ...(spec.cpuShares !== undefined ? { CpuShares: spec.cpuShares } : {}),
      ...(spec.cpuset ? { CpusetCpus: spec.cpuset } : {}),
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      ...(spec.links?.length ? { Links: spec.links } : {}),
      Privileged: spec.privileged,
      AutoRemove: spec.autoRemove,
    },
  };
}

export async function createContainer(docker: Docker, spec: RunSpec): Promise<CreatedContainer> {
  const label = spec.name ?? spec.image;
  await ensureImage(docker, spec.image);
  let container: Docker.Container;
  try {
    container = await docker.createContainer(toCreateOptions(spec));
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, `Couldn't create ${label}`));
  }
  if (spec.start) {
    try {
      await container.start();
    } catch (err) {
      const envelope = toErrorEnvelope(err, `Couldn't start ${label}`);
      try {
        await container.remove({ force: true, v: true });
        envelope.hint =
          `The new container was removed, so nothing is left half-made. ${hintForEngineMessage(envelope.engineMessage) ?? ''}`.trim();
      } catch (removeErr) {
        envelope.hint = `The new container was created but did not start; remove it from the list (${(removeErr as Error).message}).`;
      }
      throw new ContractError(envelope);
    }
  }
  const info = await container.inspect();
  return { id: info.Id, name: info.Name.replace(/^\//, ''), warnings: [] };
}

async function ensureImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) {
      throw new ContractError(toErrorEnvelope(err, `Couldn't look up the image ${image}`));
    }
  }
  try {
    await pull(docker, image);
  } catch (err) {
    const envelope = toErrorEnvelope(err, `The image ${image} is not here, and pulling it failed`);
    throw new ContractError({
      ...envelope,
      hint: 'Check the name and your network. Without a registry, build or load the image first (Images page).',
    });
  }
}

function pull(docker: Docker, image: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          Object.assign(
            new Error(`no answer from the registry within ${PULL_TIMEOUT_MS / 1000} s`),
            { code: 'ETIMEDOUT' },
          ),
        ),
      PULL_TIMEOUT_MS,
    );
    docker.pull(image, {}, (err: unknown, stream?: NodeJS.ReadableStream) => {
      if (err || !stream) {
        clearTimeout(timer);
        reject(err ?? new Error('the engine returned no pull stream'));
        return;
      }
      // Progress streams report failures inside a 200 answer, as { error }.
      docker.modem.followProgress(stream, (doneErr: Error | null, output: { error?: string }[]) => {
        clearTimeout(timer);
        const failed = doneErr ?? output.find((o) => o.error);
        if (failed)
          reject(
            failed instanceof Error
              ? failed
              : Object.assign(new Error(failed.error), { json: { message: failed.error } }),
          );
        else resolve();
      });
    });
  });
}
