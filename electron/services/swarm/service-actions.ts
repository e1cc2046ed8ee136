// What the Swarm page does to services: create, scale, update the image (a
// rolling update the engine runs by the service's update config), roll back,
// remove, and list. Changes are read-modify-write at the version read, like
// node updates (node-actions.ts), once more on "update out of sequence".
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { ServiceCreateSpec } from '../../contract/swarm-service-spec.ts';
import type { SwarmServiceRow } from '../../contract/swarm-types.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { engineRequest } from './swarm-engine.ts';
import { toServiceRow, type EngineService, type EngineServiceSpec } from './swarm-rows.ts';
import { asManager } from './swarm-status.ts';

const servicePath = (ref: string) => `/services/${encodeURIComponent(ref)}`;

/** The engine's ServiceSpec for what the dialog made (the same `docker service create` makes). */
export function toEngineServiceSpec(spec: ServiceCreateSpec): EngineServiceSpec {
  return {
    ...(spec.name ? { Name: spec.name } : {}),
    Labels: { ...spec.labels },
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        ...(spec.command?.length ? { Args: spec.command } : {}),
        ...(spec.env.length ? { Env: spec.env } : {}),
        ...(spec.volumes.length
          ? {
              Mounts: spec.volumes.map((v) => ({
                Type: v.type === 'bind' ? 'bind' : 'volume',
                ...(v.type === 'anonymous' ? {} : { Source: v.source }),
                Target: v.target,
                ...(v.readOnly ? { ReadOnly: true } : {}),
              })),
            }
          : {}),
      },
      ...(spec.constraints.length ? { Placement: { Constraints: spec.constraints } } : {}),
    },
    Mode:
      spec.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: spec.replicas ?? 1 } },
    ...(spec.ports.length
      ? {
          EndpointSpec: {
            Ports: spec.ports.map((p) => ({
              Protocol: p.protocol,
              TargetPort: p.containerPort,
              ...(p.hostPort !== undefined ? { PublishedPort: p.hostPort } : {}),
              PublishMode: 'ingress',
            })),
          },
        }
      : {}),
  };
}

export function createService(docker: Docker, spec: ServiceCreateSpec): Promise<{ id: string }> {
  return asManager(docker, async () => {
    const created = await engineRequest<{ ID: string }>(docker, {
      method: 'POST',
      path: '/services/create',
      body: toEngineServiceSpec(spec),
    });
    return { id: created.ID };
  });
}

function inspect(docker: Docker, ref: string): Promise<EngineService> {
  return engineRequest<EngineService>(docker, { method: 'GET', path: servicePath(ref) });
}

/** Reads the service, lets `change` make the new spec, writes it at that version; once more if it moved. */
async function updateService(
  docker: Docker,
  ref: string,
  change: (service: EngineService) => EngineServiceSpec,
  query: Record<string, string> = {},
): Promise<void> {
  const write = async () => {
    const service = await inspect(docker, ref);
    await engineRequest(docker, {
      method: 'POST',
      path: `${servicePath(service.ID)}/update`,
      query: { version: service.Version?.Index ?? 0, ...query },
      body: change(service),
    });
  };
  await asManager(docker, async () => {
    try {
      await write();
    } catch (err) {
      if (!/update out of sequence/i.test(toErrorEnvelope(err).engineMessage ?? '')) throw err;
      await write();
    }
  });
}

export function scaleService(docker: Docker, ref: string, replicas: number): Promise<void> {
  return updateService(docker, ref, (service) => {
    const spec = service.Spec ?? {};
    if (spec.Mode?.Global !== undefined) {
      throw new ContractError({
        kind: 'bad-request',
        message: `${spec.Name ?? ref} is a global service: it runs one task on every node, so it cannot be scaled.`,
        hint: 'Drain or pause nodes, or use placement constraints, to change where it runs.',
      });
    }
    return { ...spec, Mode: { Replicated: { Replicas: replicas } } };
  });
}

export function updateServiceImage(docker: Docker, ref: string, image: string): Promise<void> {
  return updateService(docker, ref, (service) => {
    const spec = service.Spec ?? {};
    const template = spec.TaskTemplate ?? {};
    return {
      ...spec,
      TaskTemplate: { ...template, ContainerSpec: { ...template.ContainerSpec, Image: image } },
    };
  });
}

/** As `docker service rollback`: the current spec, with the engine told to go back to the previous one. */
export function rollbackService(docker: Docker, ref: string): Promise<void> {
  return updateService(
    docker,
    ref,
    (service) => {
      if (!service.PreviousSpec) {
        throw new ContractError({
          kind: 'bad-request',
          message: `${service.Spec?.Name ?? ref} has no earlier version to roll back to: it was never updated.`,
        });
      }
      return service.Spec ?? {};
    },
    { rollback: 'previous' },
  );
}

export function removeService(docker: Docker, ref: string): Promise<void> {
  return asManager(docker, async () => {
    await engineRequest(docker, { method: 'DELETE', path: servicePath(ref) });
  });
}

/** `docker service ls` with running/desired counts (API 1.41's `status`). */
export async function listServices(docker: Docker, ids?: string[]): Promise<SwarmServiceRow[]> {
  return asManager(docker, async () => {
    const services = await engineRequest<EngineService[]>(docker, {
      method: 'GET',
      path: '/services',
      query: { status: true, ...(ids ? { filters: JSON.stringify({ id: ids }) } : {}) },
    });
    return services.filter((s) => !ids || ids.includes(s.ID)).map(toServiceRow);
  });
}
