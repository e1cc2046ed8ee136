// Where a refused argument sits, in the words of the form that sent it: the
// run-spec channels name their fields as the dialogs do; other channels, whose
// arguments no one types into a form, say which argument it was.
import type { CallChannel, StreamChannel } from './channels.ts';
import type { RunSpec } from './run-spec/spec.ts';
import { placeOf, type FieldLabels } from './schema-problems.ts';

const topLevel: Record<keyof RunSpec, string> = {
  image: 'Image',
  name: 'Name',
  command: 'Command',
  entrypoint: 'Entrypoint',
  ports: 'Ports',
  publishAll: 'Publish all exposed',
  env: 'Environment',
  volumes: 'Volumes',
  network: 'Network',
  links: 'Links',
  volumesFrom: 'Volumes from',
  restart: 'Restart policy',
  memoryBytes: 'Memory limit',
  cpuShares: 'CPU shares',
  cpuset: 'CPU set',
  user: 'User',
  workdir: 'Working directory',
  labels: 'Labels',
  interactive: 'Interactive',
  tty: 'TTY',
  autoRemove: 'Remove when it exits',
  privileged: 'Privileged',
  start: 'Start',
};

/** What the New container dialog calls each field of a run spec. */
const runSpecLabels: FieldLabels = {
  ...topLevel,
  'restart.name': 'Restart policy',
  'restart.maxRetries': 'Max retries',
};

const argumentLabels: Partial<Record<CallChannel | StreamChannel, readonly FieldLabels[]>> = {
  'containers.create': [runSpecLabels],
  'containers.recreate': [{ '': 'Container' }, runSpecLabels],
  'swarm.createService': [
    { ...runSpecLabels, mode: 'Mode', replicas: 'Replicas', constraints: 'Placement constraints' },
  ],
  'swarm.scaleService': [{ '': 'Service' }, { '': 'Replicas' }],
  'swarm.updateImage': [{ '': 'Service' }, { '': 'Image' }],
};

/** "Max retries" for `[0, 'restart', 'maxRetries']` of containers.create; "Argument 2, "signal"" elsewhere. */
export function argumentPlace(channel: string, path: readonly PropertyKey[]): string {
  const [index, ...rest] = path;
  if (typeof index !== 'number') return 'The arguments';
  const labels = Object.hasOwn(argumentLabels, channel)
    ? argumentLabels[channel as keyof typeof argumentLabels]
    : undefined;
  return placeOf(rest, { '': `Argument ${index + 1}`, ...labels?.[index] });
}
