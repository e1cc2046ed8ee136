import { useState } from 'react';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import { vmResourceLimits, type VmStatus } from '../../../../electron/contract/vm-channels.ts';
import { getClient } from '../../../client/contract-client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { runEngineAction, useEngineStore } from '../../../stores/engine-store.ts';
import { memoryText } from './vm-format.ts';
import {
  checkDraft,
  draftOf,
  sameResources,
  smallestDiskGiB,
  type MemoryUnit,
  type VmResourceField,
  type VmResourcesDraft,
} from './vm-resources-form.ts';

/**
 * CPUs, memory and disk size for the VM's next start. Checked here first, so
 * a wrong field is named before anything is sent; saved settings apply at the
 * next start, and until then the page says a restart is required.
 */
export function VmResourcesForm({ vm }: { vm: VmStatus }) {
  const settingsKey = JSON.stringify(vm.settings);
  const [base, setBase] = useState(settingsKey);
  const [draft, setDraft] = useState<VmResourcesDraft>(() => draftOf(vm.settings));
  const [errors, setErrors] = useState<Partial<Record<VmResourceField, string>>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const busy = useEngineStore((s) => s.busy);
  // Saved elsewhere (another window, a reset): show the new settings unless the user is typing.
  if (base !== settingsKey) {
    setBase(settingsKey);
    if (JSON.stringify(draftOf(JSON.parse(base))) === JSON.stringify(draft)) {
      setDraft(draftOf(vm.settings));
    }
  }
  const smallestDisk = smallestDiskGiB({
    ...(vm.running ? { running: vm.running } : {}),
    ...(vm.diskFile ? { diskBytes: vm.diskFile.sizeBytes } : {}),
  });

  const edit = (field: keyof VmResourcesDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setSaveError(null);
  };

  const save = async () => {
    const check = checkDraft(draft, smallestDisk);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    if (sameResources(check.resources, vm.settings)) return;
    setSaving(true);
    try {
      await getClient().call('vm.setResources', check.resources);
    } catch (err) {
      setSaveError(describeFailure(err));
    } finally {
      setSaving(false);
    }
  };

  const fieldProps = (field: VmResourceField) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `vm-${field}-error` : `vm-${field}-hint`,
  });
  const fieldNote = (field: VmResourceField, hint: string) =>
    errors[field] ? (
      <p id={`vm-${field}-error`} className="field-error-text">
        {errors[field]}
      </p>
    ) : (
      <p id={`vm-${field}-hint`} className="field-hint">
        {hint}
      </p>
    );

  return (
    <section className="panel vm-resources" aria-labelledby="vm-resources-title">
      <h2 id="vm-resources-title">VM resources</h2>
      <form
        className="vm-resources-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="vm-cpus">CPUs</label>
          <input
            id="vm-cpus"
            type="number"
            min={vmResourceLimits.cpus.min}
            max={vmResourceLimits.cpus.max}
            step={1}
            value={draft.cpus}
            onChange={(e) => edit('cpus', e.target.value)}
            {...fieldProps('cpus')}
          />
          {fieldNote('cpus', `${vmResourceLimits.cpus.min} to ${vmResourceLimits.cpus.max}`)}
        </div>
        <div className="field">
          <label htmlFor="vm-memory">Memory</label>
          <div className="vm-unit-input">
            <input
              id="vm-memory"
              type="number"
              min={draft.memoryUnit === 'GiB' ? 0.5 : vmResourceLimits.memoryMiB.min}
              step={draft.memoryUnit === 'GiB' ? 0.5 : 256}
              value={draft.memory}
              onChange={(e) => edit('memory', e.target.value)}
              {...fieldProps('memory')}
            />
            <select
              aria-label="Memory unit"
              value={draft.memoryUnit}
              onChange={(e) => edit('memoryUnit', e.target.value as MemoryUnit)}
            >
              <option value="MiB">MiB</option>
              <option value="GiB">GiB</option>
            </select>
          </div>
          {fieldNote(
            'memory',
            `${memoryText(vmResourceLimits.memoryMiB.min)} to ${memoryText(vmResourceLimits.memoryMiB.max)}`,
          )}
        </div>
        <div className="field">
          <label htmlFor="vm-diskGiB">Disk size</label>
          <div className="vm-unit-input">
            <input
              id="vm-diskGiB"
              type="number"
              min={smallestDisk}
              max={vmResourceLimits.diskGiB.max}
              step={1}
              value={draft.diskGiB}
              onChange={(e) => edit('diskGiB', e.target.value)}
              {...fieldProps('diskGiB')}
            />
            <span className="vm-unit">GiB</span>
          </div>
          {fieldNote(
            'diskGiB',
            `Can only grow: ${smallestDisk} GiB or more. The disk takes only what it holds.`,
          )}
        </div>
        <div className="vm-resources-actions">
          <button type="submit" className="primary" disabled={saving}>
            Save
          </button>
        </div>
      </form>
      {saveError && <ErrorAlert message={saveError} />}
      {vm.restartRequired && (
        <div role="status" aria-label="Restart required" className="vm-restart-required">
          <p>
            <strong>Restart required:</strong> the VM runs with what it was started with; the saved
            settings apply when it starts again.
          </p>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => void runEngineAction('engine.restart')}
          >
            Restart
          </button>
        </div>
      )}
    </section>
  );
}
