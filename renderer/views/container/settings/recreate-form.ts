// The part of a container's settings that a re-create changes, as the text
// fields show it (CLI syntax, one entry a line), and which fields differ.
import { formatPorts, formatVolumes } from '../../../../electron/contract/run-spec/format.ts';
import {
  parseEnv,
  parsePorts,
  parseVolumes,
} from '../../../../electron/contract/run-spec/parse.ts';
import type { RecreateChanges, RunSpec } from '../../../../electron/contract/run-spec/spec.ts';

export interface RecreateForm {
  ports: string;
  environment: string;
  volumes: string;
  restartPolicy: RunSpec['restart']['name'];
  maxRetries: string;
}

export type RecreateField = keyof RecreateForm;

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

/** The changes the form asks for (only fields that differ), or every field's problems. */
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
    const retries = form.maxRetries.trim();
    if (form.restartPolicy === 'on-failure' && retries) {
      const n = Number(retries);
      if (Number.isInteger(n) && n >= 0 && n <= 1000) restart.maxRetries = n;
      else errors.maxRetries = ['A whole number from 0 to 1000'];
    }
    changes.restart = restart;
    changed.push('restart policy');
  }
  return { changes: Object.keys(errors).length ? null : changes, changed, errors };
}
