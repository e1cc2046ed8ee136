// The part of a container's settings that a re-create changes, as the text
// fields show it (CLI syntax, one entry a line), and which fields differ.
import { formatPorts, formatVolumes } from '../../../../electron/contract/run-spec/format.ts';
import {
  numberIn,
  parseEnv,
  parsePorts,
  parseVolumes,
} from '../../../../electron/contract/run-spec/parse.ts';
import {
  recreateChanges,
  type RecreateChanges,
  type RunSpec,
} from '../../../../electron/contract/run-spec/spec.ts';
import { check, problemsByField } from '../../../../electron/contract/schema-problems.ts';

export interface RecreateForm {
  ports: string;
  environment: string;
  volumes: string;
  restartPolicy: RunSpec['restart']['name'];
  maxRetries: string;
}

type RecreateField = keyof RecreateForm;

export function recreateFormOf(spec: RunSpec): RecreateForm {
  return {
    ports: formatPorts(spec.ports),
    environment: spec.env.join('\n'),
    volumes: formatVolumes(spec.volumes),
    restartPolicy: spec.restart.name,
    maxRetries: spec.restart.maxRetries !== undefined ? String(spec.restart.maxRetries) : '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

/** The changes' fields (dot paths) to the form's, for the schema's problems. */
const fieldOfPath: Record<keyof RecreateChanges, RecreateField> & Record<string, RecreateField> = {
  ports: 'ports',
  env: 'environment',
  volumes: 'volumes',
  restart: 'restartPolicy',
  'restart.maxRetries': 'maxRetries',
};

/**
 * The changes the form asks for (only fields that differ), or every field's
 * problems: the text's syntax read here, the values checked by the contract's
 * schema, as the server checks them.
 */
export function changesOf(
  form: RecreateForm,
  original: RecreateForm,
): {
  changes: RecreateChanges | null;
  changed: string[];
  errors: Partial<Record<RecreateField, string[]>>;
} {
  const errors: Partial<Record<RecreateField, string[]>> = {};
  const changes: RecreateChanges = {};
  const changed: string[] = [];
  const differs = (field: RecreateField) => lines(form[field]) !== lines(original[field]);

  if (differs('ports')) {
    const parsed = parsePorts(form.ports);
    if (parsed.ok) changes.ports = parsed.value;
    else errors.ports = parsed.errors;
    changed.push('ports');
  }
  if (differs('environment')) {
    const parsed = parseEnv(form.environment);
    if (parsed.ok) changes.env = parsed.value;
    else errors.environment = parsed.errors;
    changed.push('environment');
  }
  if (differs('volumes')) {
    const parsed = parseVolumes(form.volumes);
    if (parsed.ok) changes.volumes = parsed.value;
    else errors.volumes = parsed.errors;
    changed.push('volumes');
  }
  if (differs('restartPolicy') || (form.restartPolicy === 'on-failure' && differs('maxRetries'))) {
    const restart: RunSpec['restart'] = { name: form.restartPolicy };
    if (form.restartPolicy === 'on-failure' && form.maxRetries.trim()) {
      const n = numberIn(form.maxRetries);
      if (n === null) errors.maxRetries = ['A number, like 3'];
      else restart.maxRetries = n;
    }
    changes.restart = restart;
    changed.push('restart policy');
  }
  const checked = check(recreateChanges, changes);
  if (!checked.success) {
    // Every path of the changes has a field above; 'ports' only satisfies the type.
    const schemaProblems = problemsByField(checked.error, fieldOfPath, 'ports');
    for (const [field, messages] of Object.entries(schemaProblems) as [RecreateField, string[]][]) {
      (errors[field] ??= []).push(...messages);
    }
  }
  return { changes: Object.keys(errors).length ? null : changes, changed, errors };
}
