// What "Create service" makes: the New container dialog's fields (image,
// name, command, environment, ports, volumes) plus what a service adds
// (mode, replicas, placement constraints), as plain data. The Node side turns
// it into the engine's ServiceSpec; serviceCreateArgs writes the same as a
// `docker service create` line, so both make the same service.
import { z } from 'zod';
import { imageRef } from './refs.ts';
import { cliProblems, csvField } from './run-spec/cli-syntax.ts';
import { runSpec, MAX_ENTRIES, type PortSpec, type VolumeSpec } from './run-spec/spec.ts';
import { placementConstraint, replicaCount, serviceName, swarmLabelKey } from './swarm-refs.ts';

export type ServiceMode = 'replicated' | 'global';

export interface ServiceCreateSpec {
  image: string;
  /** Absent: the engine picks one (`adjective_name`). */
  name?: string;
  /** The arguments after the image (`docker service create IMAGE ARG…`), not a shell string. */
  command?: string[];
  /** `NAME=value` each. */
  env: string[];
  /** Published on every node through the routing mesh: `hostPort` is the published port. */
  ports: PortSpec[];
  volumes: VolumeSpec[];
  mode: ServiceMode;
  /** Replicated only; 1 when absent. */
  replicas?: number;
  constraints: string[];
  labels: Record<string, string>;
}

const fields = runSpec.shape;

export const serviceCreateSpec = z
  .strictObject({
    image: imageRef,
    name: serviceName.optional(),
    command: fields.command,
    env: fields.env,
    ports: fields.ports,
    volumes: fields.volumes,
    mode: z.enum(['replicated', 'global']),
    replicas: replicaCount.optional(),
    constraints: z.array(placementConstraint).max(100),
    labels: z
      .record(swarmLabelKey, z.string().max(100_000))
      .refine((r) => Object.keys(r).length <= MAX_ENTRIES, `At most ${MAX_ENTRIES} labels`),
  })
  .superRefine((spec, ctx) => {
    if (spec.mode === 'global' && spec.replicas !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['replicas'],
        message: 'A global service runs one task on every node: it takes no replica count',
      });
    }
    spec.ports.forEach((port, i) => {
      if (port.hostIp) {
        ctx.addIssue({
          code: 'custom',
          path: ['ports', i, 'hostIp'],
          message: 'A service publishes its ports on every node: it takes no host IP',
        });
      }
    });
    for (const { path, message } of cliProblems(spec)) {
      ctx.addIssue({ code: 'custom', path, message });
    }
  }) satisfies z.ZodType<ServiceCreateSpec>;

/** `--publish`'s long form: nothing in it is read twice. */
function publishArg(port: PortSpec): string {
  const published = port.hostPort !== undefined ? `published=${port.hostPort},` : '';
  return `${published}target=${port.containerPort},protocol=${port.protocol}`;
}

/** `--mount`, the only form `docker service create` takes (CSV, as cli-syntax.ts writes it). */
function mountArg(v: VolumeSpec): string {
  return [
    `type=${v.type === 'bind' ? 'bind' : 'volume'}`,
    ...(v.type === 'anonymous' ? [] : [`source=${v.source}`]),
    `target=${v.target}`,
    ...(v.readOnly ? ['readonly'] : []),
  ]
    .map(csvField)
    .join(',');
}

/** `docker service create …` for a spec: the CLI's arguments after `docker`. */
export function serviceCreateArgs(spec: ServiceCreateSpec): string[] {
  const args = ['service', 'create'];
  if (spec.name) args.push('--name', spec.name);
  if (spec.mode === 'global') args.push('--mode', 'global');
  else if (spec.replicas !== undefined) args.push('--replicas', String(spec.replicas));
  for (const c of spec.constraints) args.push('--constraint', c);
  for (const e of spec.env) args.push('--env', e);
  for (const p of spec.ports) args.push('--publish', publishArg(p));
  for (const v of spec.volumes) args.push('--mount', mountArg(v));
  for (const [k, v] of Object.entries(spec.labels)) args.push('--label', `${k}=${v}`);
  // The image's rule keeps it from starting with `-`; the arguments after it are the command's.
  args.push(spec.image, ...(spec.command ?? []));
  return args;
}
