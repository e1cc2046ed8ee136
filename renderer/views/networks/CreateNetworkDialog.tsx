// "Create network": `docker network create` with a subnet, gateway and IP
// range checked as they are typed (a CIDR, the gateway and range inside it),
// the name by the engine's rule; the engine's refusals (an overlapping pool, a
// name in use) in its words, naming the network that holds the range.
import { useEffect, useState, type FormEvent } from 'react';
import { networkCreateCommand } from '../../../electron/contract/network/network-commands.ts';
import {
  createSpecProblems,
  parseLabelLines,
  type NetworkCreateSpec,
  type SpecProblem,
} from '../../../electron/contract/network/network-spec.ts';
import { networkName } from '../../../electron/contract/refs.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert } from '../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { useEnvelopeCall } from '../../use-call.ts';

interface Form {
  name: string;
  driver: string;
  subnet: string;
  gateway: string;
  ipRange: string;
  internal: boolean;
  attachable: boolean;
  labels: string;
}

const EMPTY: Form = {
  name: '',
  driver: 'bridge',
  subnet: '',
  gateway: '',
  ipRange: '',
  internal: false,
  attachable: false,
  labels: '',
};

function specOf(form: Form): NetworkCreateSpec {
  return {
    name: form.name.trim(),
    driver: form.driver,
    subnet: form.subnet.trim(),
    gateway: form.gateway.trim(),
    ipRange: form.ipRange.trim(),
    internal: form.internal,
    attachable: form.attachable,
    labels: parseLabelLines(form.labels),
  };
}

function problemsOf(spec: NetworkCreateSpec): SpecProblem[] {
  const named = networkName.safeParse(spec.name);
  return [
    ...(spec.name && !named.success
      ? [{ field: 'name' as const, message: named.error.issues[0]?.message ?? 'not a name' }]
      : []),
    ...createSpecProblems(spec),
  ];
}

export function CreateNetworkDialog(props: { onClose(created?: string): void }) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const [form, setForm] = useState<Form>(EMPTY);
  const [drivers, setDrivers] = useState<string[]>(['bridge']);
  const { busy, failure, run } = useEnvelopeCall();
  const spec = specOf(form);
  const problems = problemsOf(spec);
  const errors = (field: SpecProblem['field']) => {
    const list = problems.filter((p) => p.field === field).map((p) => p.message);
    return list.length ? list : undefined;
  };
  const ready = spec.name !== '' && problems.length === 0;

  useEffect(() => {
    let live = true;
    getClient()
      .call('networks.drivers')
      .then((list) => live && setDrivers(list))
      // The bridge driver is always there; the others are a nicety.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'name' | 'subnet' | 'gateway' | 'ipRange' | 'labels') => ({
    value: form[key],
    spellCheck: false,
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    await run(async () => {
      await getClient().call('networks.create', spec);
      props.onClose(spec.name);
    });
  };

  return (
    <dialog
      ref={modal}
      aria-labelledby="create-network-title"
      className="dialog network-dialog"
      onCancel={() => props.onClose()}
    >
      <h2 id="create-network-title">Create network</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <Field label="Name" errors={errors('name')} hint="Containers on it find each other by name">
          {(c) => <input {...c} autoFocus {...text('name')} />}
        </Field>
        <Field label="Driver">
          {(c) => (
            <select {...c} value={form.driver} onChange={(e) => set('driver')(e.target.value)}>
              {drivers.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Subnet"
          errors={errors('subnet')}
          hint="Optional, like 172.30.0.0/24; empty: the engine picks a free range"
        >
          {(c) => <input {...c} {...text('subnet')} placeholder="172.30.0.0/24" />}
        </Field>
        <Field
          label="Gateway"
          errors={errors('gateway')}
          hint="Optional: the subnet's first address when empty"
        >
          {(c) => <input {...c} {...text('gateway')} placeholder="172.30.0.1" />}
        </Field>
        <Field
          label="IP range"
          errors={errors('ipRange')}
          hint="Optional: where containers' addresses come from, inside the subnet"
        >
          {(c) => <input {...c} {...text('ipRange')} placeholder="172.30.0.128/25" />}
        </Field>
        <Field label="Labels" errors={errors('labels')} hint="One a line: key=value">
          {(c) => <textarea {...c} rows={2} {...text('labels')} />}
        </Field>
        <div className="checks">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.internal}
              onChange={(e) => set('internal')(e.target.checked)}
            />
            Internal
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.attachable}
              onChange={(e) => set('attachable')(e.target.checked)}
            />
            Attachable
          </label>
        </div>
        <p className="muted note">
          Internal: no way out, containers reach only each other. Attachable: containers may join a
          swarm network by hand.
        </p>
        <ShowCommand
          command={(shell) => (ready ? networkCreateCommand(spec, shell, cliTarget) : null)}
        />
        {failure && <EngineErrorAlert error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !ready}>
            Create
          </button>
        </div>
      </form>
    </dialog>
  );
}
