// The Create service dialog's fields as typed (the New container dialog's
// CLI syntax, one entry a line) and the service spec they make, with each
// field's problems from the contract's own schema.
import { parseCommand, parseEnv, parsePorts } from '../../../electron/contract/run-spec/parse.ts';
import { check, problemsByField } from '../../../electron/contract/schema-problems.ts';
import {
  serviceCreateSpec,
  type ServiceCreateSpec,
  type ServiceMode,
} from '../../../electron/contract/swarm-service-spec.ts';
import { replicasOf } from './field-problems.ts';

export interface ServiceForm {
  image: string;
  name: string;
  command: string;
  ports: string;
  environment: string;
  mode: ServiceMode;
  replicas: string;
  constraints: string;
}

export type ServiceField = keyof ServiceForm;

export const emptyServiceForm: ServiceForm = {
  image: '',
  name: '',
  command: '',
  ports: '',
  environment: '',
  mode: 'replicated',
  replicas: '1',
  constraints: '',
};

const fieldOfPath: Record<string, ServiceField> = {
  image: 'image',
  name: 'name',
  command: 'command',
  ports: 'ports',
  env: 'environment',
  mode: 'mode',
  replicas: 'replicas',
  constraints: 'constraints',
};

export function specFromServiceForm(form: ServiceForm): {
  spec: ServiceCreateSpec | null;
  errors: Partial<Record<ServiceField, string[]>>;
} {
  const errors: Partial<Record<ServiceField, string[]>> = {};
  const problem = (field: ServiceField, message: string) => (errors[field] ??= []).push(message);
  const spec: ServiceCreateSpec = {
    image: form.image.trim(),
    env: [],
    ports: [],
    volumes: [],
    mode: form.mode,
    constraints: form.constraints
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    labels: {},
  };
  if (form.name.trim()) spec.name = form.name.trim();
  const command = parseCommand(form.command);
  if (!command.ok) command.errors.forEach((e) => problem('command', e));
  else if (command.value.length) spec.command = command.value;
  const ports = parsePorts(form.ports);
  if (!ports.ok) ports.errors.forEach((e) => problem('ports', e));
  else spec.ports = ports.value;
  const env = parseEnv(form.environment);
  if (!env.ok) env.errors.forEach((e) => problem('environment', e));
  else spec.env = env.value;
  if (form.mode === 'replicated') spec.replicas = replicasOf(form.replicas) as number;

  const checked = check(serviceCreateSpec, spec);
  if (!checked.success) {
    for (const [field, messages] of Object.entries(
      problemsByField<ServiceField>(checked.error, fieldOfPath, 'image'),
    ) as [ServiceField, string[]][]) {
      messages.forEach((m) => problem(field, m));
    }
  }
  return { spec: Object.keys(errors).length ? null : spec, errors };
}
