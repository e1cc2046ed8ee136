// Makes a container from the dialog's run spec, as `docker run` would: the
// image must be local or pulled first, bind mounts go through
// HostConfig.Mounts (a missing folder is an error, not a new root-owned one),
// and a container that fails to start is removed, never left half-made.
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { RunSpec } from '../../contract/run-spec/spec.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { pullImage } from '../images/pull-image.ts';
import { hintForEngineMessage } from './engine-hints.ts';
import { keepOutputOf, type KeptOutputs } from './kept-output.ts';

interface CreatedContainer {
  id: string;
  name: string;
  warnings: string[];
}

export type Mount = NonNullable<Docker.HostConfig['Mounts']>[number];

/** `-p` as the engine takes it: the exposed keys and their host bindings. */
export function portsOf(ports: RunSpec['ports']): {
  exposed: Record<string, object>;
  bindings: Record<string, { HostIp: string; HostPort: string }[]>;
} {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({
      HostIp: p.hostIp ?? '',
      HostPort: p.hostPort ? String(p.hostPort) : '',
    });
  }
  return { exposed, bindings };
}

/** Volumes as HostConfig.Mounts, so a missing bind folder is an error, not a new folder. */
export function mountsOf(volumes: RunSpec['volumes']): Mount[] {
  return volumes.map((v) =>
    v.type === 'anonymous'
      ? { Type: 'volume' as const, Source: '', Target: v.target, ReadOnly: v.readOnly }
      : { Type: v.type, Source: v.source, Target: v.target, ReadOnly: v.readOnly },
  );
}

export function restartPolicyOf(restart: RunSpec['restart']): Docker.HostRestartPolicy {
  return { Name: restart.name, MaximumRetryCount: restart.maxRetries ?? 0 };
}

function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const { exposed, bindings } = portsOf(spec.ports);
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
      Mounts: mountsOf(spec.volumes),
      RestartPolicy: restartPolicyOf(spec.restart),
      ...(spec.memoryBytes !== undefined ? { Memory: spec.memoryBytes } : {}),
      ...(spec.cpuShares !== undefined ? { CpuShares: spec.cpuShares } : {}),
      ...(spec.cpuset ? { CpusetCpus: spec.cpuset } : {}),
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      ...(spec.links?.length ? { Links: spec.links } : {}),
      ...(spec.volumesFrom?.length ? { VolumesFrom: spec.volumesFrom } : {}),
      Privileged: spec.privileged,
      AutoRemove: spec.autoRemove,
    },
  };
}

/**
 * `docker` is the engine client for calls (each has a socket timeout); the
 * fallback pull runs on `streaming`, which has none: a registry may keep a pull
 * quiet for longer than a call may take, and the pull has its own deadlines.
 */
export async function createContainer(
  docker: Docker,
  spec: RunSpec,
  streaming: Docker,
  kept?: KeptOutputs,
): Promise<CreatedContainer> {
  const label = spec.name ?? spec.image;
  await ensureImage(docker, streaming, spec.image);
  let container: Docker.Container;
  try {
    container = await docker.createContainer(toCreateOptions(spec));
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't create ${label}`);
    const hint = hintForEngineMessage(envelope.engineMessage);
    throw new ContractError(hint ? { ...envelope, hint } : envelope);
  }
  // Read before the start: a `--rm` container may be gone by the time it could be read after.
  const info = await container.inspect();
  const created = { id: info.Id, name: info.Name.replace(/^\//, ''), warnings: [] };
  if (spec.start && spec.autoRemove && kept) {
    kept.begin(created.id, created.name, spec.image);
    await keepOutputOf(streaming, created.id, spec.tty, kept).catch((err: unknown) =>
      // The container still runs as asked; only its output will not be kept.
      console.error(`[kept-output] couldn't attach to ${label}:`, err),
    );
  }
  if (spec.start) {
    try {
      await container.start();
    } catch (err) {
      const envelope = toErrorEnvelope(err, `Couldn't start ${label}`);
      try {
        // With --rm the engine may have removed it already: that is just as good.
        await container.remove({ force: true, v: true }).catch((removeErr: unknown) => {
          if ((removeErr as { statusCode?: number }).statusCode !== 404) throw removeErr;
        });
        envelope.hint =
          `The new container was removed, so nothing is left half-made. ${hintForEngineMessage(envelope.engineMessage) ?? ''}`.trim();
      } catch (removeErr) {
        envelope.hint = `The new container was created but did not start; remove it from the list (${(removeErr as Error).message}).`;
      }
      throw new ContractError(envelope);
    }
  }
  return created;
}

async function ensureImage(docker: Docker, streaming: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) {
      throw new ContractError(toErrorEnvelope(err, `Couldn't look up the image ${image}`));
    }
  }
  // Callers other than the dialog (which pulls first, with progress) get the
  // same deadlines: a registry that never answers fails in seconds.
  try {
    await pullImage(streaming, image);
  } catch (err) {
    const envelope = toErrorEnvelope(err);
    const why = envelope.engineMessage ?? envelope.message.replace(/^Couldn't pull [^:]*: /, '');
    throw new ContractError({
      ...envelope,
      message: `The image ${image} is not here, and pulling it failed: ${why}`,
      hint: 'Check the name and your network. Without a registry, build or load the image first (Images page).',
    });
  }
}
