// The `docker network …` lines behind each dialog, quoted for the user's shell
// (run-spec/shell-quote.ts) and pointed at the engine in use.
import { dockerCommandLine, type CliTarget, type Shell } from '../run-spec/run-command.ts';
import type {
  NetworkConnectSpec,
  NetworkCreateSpec,
  NetworkDisconnectSpec,
} from './network-spec.ts';

/** `docker network create`'s arguments after `docker`, in the order the CLI documents them. */
export function networkCreateArgs(spec: NetworkCreateSpec): string[] {
  const args = ['network', 'create'];
  if (spec.driver && spec.driver !== 'bridge') args.push('--driver', spec.driver);
  if (spec.subnet) args.push('--subnet', spec.subnet);
  if (spec.gateway) args.push('--gateway', spec.gateway);
  if (spec.ipRange) args.push('--ip-range', spec.ipRange);
  if (spec.internal) args.push('--internal');
  if (spec.attachable) args.push('--attachable');
  for (const [key, value] of Object.entries(spec.labels)) args.push('--label', `${key}=${value}`);
  args.push(spec.name);
  return args;
}

export function networkCreateCommand(
  spec: NetworkCreateSpec,
  shell: Shell,
  target: CliTarget = {},
): string {
  return dockerCommandLine(networkCreateArgs(spec), shell, target);
}

export function networkRemoveCommand(name: string, shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(['network', 'rm', name], shell, target);
}

export function networkConnectArgs(spec: NetworkConnectSpec): string[] {
  const args = ['network', 'connect'];
  for (const alias of spec.aliases) args.push('--alias', alias);
  if (spec.ipv4) args.push('--ip', spec.ipv4);
  args.push(spec.network, spec.container);
  return args;
}

export function networkConnectCommand(
  spec: NetworkConnectSpec,
  shell: Shell,
  target: CliTarget = {},
): string {
  return dockerCommandLine(networkConnectArgs(spec), shell, target);
}

export function networkDisconnectArgs(spec: NetworkDisconnectSpec): string[] {
  return [
    'network',
    'disconnect',
    ...(spec.force ? ['--force'] : []),
    spec.network,
    spec.container,
  ];
}

export function networkDisconnectCommand(
  spec: NetworkDisconnectSpec,
  shell: Shell,
  target: CliTarget = {},
): string {
  return dockerCommandLine(networkDisconnectArgs(spec), shell, target);
}

export function networkListCommand(shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(['network', 'ls'], shell, target);
}
