// The New container dialog's fields as typed (CLI syntax in the text fields),
// and how they become a run spec, with each field's problems to show beside it.
import {
  imageReferenceProblem,
  parseCommand,
  parseEnv,
  parseLinks,
  parseMemory,
  parsePorts,
  parseVolumes,
} from '../../../../electron/contract/run-spec/parse.ts';
import {
  CONTAINER_NAME,
  emptyRunSpec,
  type RunSpec,
} from '../../../../electron/contract/run-spec/spec.ts';

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
export type FieldErrors = Partial<Record<FieldKey, string[]>>;

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

/** The spec the form describes, or null with every field's problems. */
export function specFromForm(
  form: FormState,
  start = true,
): { spec: RunSpec | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const problem = (field: FieldKey, message: string) => (errors[field] ??= []).push(message);
  const spec: RunSpec = { ...emptyRunSpec(), start };

  const imageProblem = imageReferenceProblem(form.image);
  if (imageProblem) problem('image', imageProblem);
  spec.image = form.image.trim();

  const name = form.name.trim();
  if (name && !CONTAINER_NAME.test(name)) {
    problem(
      'name',
      'Use letters, digits, _ . and - (2 characters at least, starting with a letter or digit)',
    );
  }
  if (name) spec.name = name;

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
  spec.restart = { name: form.restartPolicy };
  if (form.restartPolicy === 'on-failure' && form.maxRetries.trim()) {
    const n = Number(form.maxRetries);
    if (Number.isInteger(n) && n >= 0) spec.restart.maxRetries = n;
    else problem('maxRetries', 'A whole number, 0 or more');
  }
  if (form.memoryLimit.trim()) {
    const memory = parseMemory(form.memoryLimit);
    if (memory.ok) spec.memoryBytes = memory.value;
    else memory.errors.forEach((e) => problem('memoryLimit', e));
  }
  if (form.cpuShares.trim()) {
    const n = Number(form.cpuShares);
    if (Number.isInteger(n) && n >= 2 && n <= 262144) spec.cpuShares = n;
    else problem('cpuShares', 'A whole number from 2 to 262144 (1024 is the default weight)');
  }
  if (form.cpuset.trim()) {
    if (/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(form.cpuset.trim())) spec.cpuset = form.cpuset.trim();
    else problem('cpuset', 'CPU numbers like 0-1 or 0,2');
  }
  if (form.user.trim()) spec.user = form.user.trim();
  if (form.workdir.trim()) {
    if (form.workdir.trim().startsWith('/')) spec.workdir = form.workdir.trim();
    else problem('workdir', 'A path starting with /');
  }
  spec.interactive = form.interactive;
  spec.tty = form.tty;
  spec.autoRemove = form.autoRemove;
  spec.privileged = form.privileged;
  if (form.autoRemove && form.restartPolicy !== 'no') {
    problem('restartPolicy', 'A container removed when it exits cannot also restart');
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
