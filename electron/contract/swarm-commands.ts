// The docker lines behind each Swarm action, quoted for the shell the user
// picks and pointed at the engine in use (run-command.ts's CliTarget). Names
// and ids come through swarm-refs.ts's rules, so none starts with `-`.
import type { NodeLabelChange } from './swarm-channels.ts';
import { serviceCreateArgs, type ServiceCreateSpec } from './swarm-service-spec.ts';
import type { NodeAvailability, NodeRole, SwarmInitSpec, SwarmJoinSpec } from './swarm-types.ts';
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

export function swarmInitCommandLine(spec: SwarmInitSpec, shell: Shell, target: CliTarget = {}) {
  const advertise = spec.advertiseAddr ? ['--advertise-addr', spec.advertiseAddr] : [];
  return dockerCommandLine(['swarm', 'init', ...advertise], shell, target);
}

export function swarmJoinCommandLine(spec: SwarmJoinSpec, shell: Shell, target: CliTarget = {}) {
  const advertise = spec.advertiseAddr ? ['--advertise-addr', spec.advertiseAddr] : [];
  return dockerCommandLine(
    ['swarm', 'join', '--token', spec.token, ...advertise, spec.remoteAddr],
    shell,
    target,
  );
}

export function swarmLeaveCommandLine(force: boolean, shell: Shell, target: CliTarget = {}) {
  return dockerCommandLine(['swarm', 'leave', ...(force ? ['--force'] : [])], shell, target);
}

export function joinTokenCommandLine(role: NodeRole, shell: Shell, target: CliTarget = {}) {
  return dockerCommandLine(['swarm', 'join-token', role], shell, target);
}

export function nodeAvailabilityCommandLine(
  node: string,
  availability: NodeAvailability,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(['node', 'update', '--availability', availability, node], shell, target);
}

export function nodeRoleCommandLine(
  node: string,
  role: NodeRole,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(
    ['node', role === 'manager' ? 'promote' : 'demote', node],
    shell,
    target,
  );
}

export function nodeLabelsCommandLine(
  node: string,
  change: NodeLabelChange,
  shell: Shell,
  target: CliTarget = {},
) {
  const args = ['node', 'update'];
  for (const [key, value] of Object.entries(change.add))
    args.push('--label-add', `${key}=${value}`);
  for (const key of change.remove) args.push('--label-rm', key);
  return dockerCommandLine([...args, node], shell, target);
}

export function serviceCreateCommandLine(
  spec: ServiceCreateSpec,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(serviceCreateArgs(spec), shell, target);
}

export function serviceScaleCommandLine(
  service: string,
  replicas: number,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(['service', 'scale', `${service}=${replicas}`], shell, target);
}

export function serviceUpdateImageCommandLine(
  service: string,
  image: string,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(['service', 'update', '--image', image, service], shell, target);
}

export function serviceRollbackCommandLine(service: string, shell: Shell, target: CliTarget = {}) {
  return dockerCommandLine(['service', 'rollback', service], shell, target);
}

export function serviceRemoveCommandLine(service: string, shell: Shell, target: CliTarget = {}) {
  return dockerCommandLine(['service', 'rm', service], shell, target);
}

export function serviceTasksCommandLine(service: string, shell: Shell, target: CliTarget = {}) {
  return dockerCommandLine(['service', 'ps', service], shell, target);
}

export function serviceLogsCommandLine(
  service: string,
  follow: boolean,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(
    ['service', 'logs', '--timestamps', ...(follow ? ['--follow'] : []), service],
    shell,
    target,
  );
}

export function stackDeployCommandLine(
  name: string,
  file: string,
  shell: Shell,
  target: CliTarget = {},
) {
  return dockerCommandLine(['stack', 'deploy', '--compose-file', file, name], shell, target);
}

export function stackRemoveCommandLine(name: string, shell: Shell, target: CliTarget = {}) {
  return dockerCommandLine(['stack', 'rm', name], shell, target);
}
