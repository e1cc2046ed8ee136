// The New container dialog's fields as typed (CLI syntax in the text fields),
// and how they become a run spec, with each field's problems to show beside it.
import {
  numberIn,
  parseCommand,
  parseEnv,
  parseLinks,
  parseVolumesFrom,
  parseMemory,
  parsePorts,
  parseVolumes,
} from '../../../../electron/contract/run-spec/parse.ts';
import {
  emptyRunSpec,
  runSpec,
  type RunSpec,
} from '../../../../electron/contract/run-spec/spec.ts';
import { check, problemsByField } from '../../../../electron/contract/schema-problems.ts';

export interface FormState {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  ports: string;
  publishAll: boolean;
  environment: string;
  volumes: string;
  network: string;
  links: string;
  volumesFrom: string;
  restartPolicy: RunSpec['restart']['name'];
  maxRetries: string;
  memoryLimit: string;
  cpuShares: string;
  cpuset: string;
  user: string;
  workdir: string;
  labels: string;
  interactive: boolean;
  tty: boolean;
  autoRemove: boolean;
  privileged: boolean;
}

export type FieldKey = keyof FormState;
type FieldErrors = Partial<Record<FieldKey, string[]>>;

export function initialForm(image = ''): FormState {
  return {
    image,
    name: '',
    command: '',
    entrypoint: '',
    ports: '',
    publishAll: false,
    environment: '',
    volumes: '',
    network: '',
    links: '',
    volumesFrom: '',
    restartPolicy: 'no',
    maxRetries: '',
    memoryLimit: '',
    cpuShares: '',
    cpuset: '',
    user: '',
    workdir: '',
    labels: '',
    interactive: false,
    tty: false,
    autoRemove: false,
    privileged: false,
  };
}

/**
 * The run spec's fields (dot paths) to the form's: a problem the schema finds
 * goes beside the field the user typed it in.
 */
const fieldOfPath: Record<Exclude<keyof RunSpec, 'start'>, FieldKey> & Record<string, FieldKey> = {
  image: 'image',
  name: 'name',
  command: 'command',
  entrypoint: 'entrypoint',
  ports: 'ports',
  publishAll: 'publishAll',
  env: 'environment',
  volumes: 'volumes',
  network: 'network',
  links: 'links',
  volumesFrom: 'volumesFrom',
  restart: 'restartPolicy',
  'restart.maxRetries': 'maxRetries',
  memoryBytes: 'memoryLimit',
  cpuShares: 'cpuShares',
  cpuset: 'cpuset',
  user: 'user',
  workdir: 'workdir',
  labels: 'labels',
  interactive: 'interactive',
  tty: 'tty',
  autoRemove: 'autoRemove',
  privileged: 'privileged',
};

/**
 * The spec the form describes, or null with every field's problems. The form
 * only reads the CLI's syntax (lines, quotes, `512m`); whether the values are
 * allowed is the contract's schema's to say, the same check the server makes.
 */
export function specFromForm(
  form: FormState,
  start = true,
): { spec: RunSpec | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const problem = (field: FieldKey, message: string) => (errors[field] ??= []).push(message);
  const spec: RunSpec = { ...emptyRunSpec(), start };

  spec.image = form.image.trim();
  if (form.name.trim()) spec.name = form.name.trim();

  const command = parseCommand(form.command);
  if (command.ok) {
    if (command.value.length) spec.command = command.value;
  } else command.errors.forEach((e) => problem('command', e));
  if (form.entrypoint.trim()) spec.entrypoint = form.entrypoint.trim();

  const fields = [
    ['ports', parsePorts(form.ports), (v: RunSpec['ports']) => (spec.ports = v)],
    ['environment', parseEnv(form.environment), (v: string[]) => (spec.env = v)],
    ['volumes', parseVolumes(form.volumes), (v: RunSpec['volumes']) => (spec.volumes = v)],
    ['labels', parseEnv(form.labels), (v: string[]) => (spec.labels = labelsOf(v))],
  ] as const;
  for (const [field, parsed, apply] of fields) {
    if (parsed.ok) (apply as (v: unknown) => void)(parsed.value);
    else parsed.errors.forEach((e) => problem(field, e));
  }

  spec.publishAll = form.publishAll;
  if (form.network) spec.network = form.network;
  const links = parseLinks(form.links);
  if (!links.ok) links.errors.forEach((e) => problem('links', e));
  else if (links.value.length) spec.links = links.value;
  const volumesFrom = parseVolumesFrom(form.volumesFrom);
  if (!volumesFrom.ok) volumesFrom.errors.forEach((e) => problem('volumesFrom', e));
  else if (volumesFrom.value.length) spec.volumesFrom = volumesFrom.value;
  spec.restart = { name: form.restartPolicy };
  // The field shows only for on-failure; what it held before does not count.
  if (form.restartPolicy === 'on-failure' && form.maxRetries.trim()) {
    const n = numberIn(form.maxRetries);
    if (n === null) problem('maxRetries', 'A number, like 3');
    else spec.restart.maxRetries = n;
  }
  if (form.memoryLimit.trim()) {
    const memory = parseMemory(form.memoryLimit);
    if (memory.ok) spec.memoryBytes = memory.value;
    else memory.errors.forEach((e) => problem('memoryLimit', e));
  }
  if (form.cpuShares.trim()) {
    const n = numberIn(form.cpuShares);
    if (n === null) problem('cpuShares', 'A number, like 512');
    else spec.cpuShares = n;
  }
  if (form.cpuset.trim()) spec.cpuset = form.cpuset.trim();
  if (form.user.trim()) spec.user = form.user.trim();
  if (form.workdir.trim()) spec.workdir = form.workdir.trim();
  spec.interactive = form.interactive;
  spec.tty = form.tty;
  spec.autoRemove = form.autoRemove;
  spec.privileged = form.privileged;

  const checked = check(runSpec, spec);
  if (!checked.success) {
    // A problem no field owns (none today) still blocks the form: shown at its top.
    const schemaProblems = problemsByField(checked.error, fieldOfPath, 'image');
    for (const [field, messages] of Object.entries(schemaProblems) as [FieldKey, string[]][]) {
      messages.forEach((m) => problem(field, m));
    }
  }
  return { spec: Object.keys(errors).length ? null : spec, errors };
}

function labelsOf(lines: string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** A volume line for a picked folder, mounted at /<its name> until the user says otherwise. */
export function bindLineFor(folder: string): string {
  const name = folder.split(/[\\/]/).filter(Boolean).at(-1) ?? 'data';
  const target = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name) ? name : 'data';
  return `${folder}:/${target}`;
}
