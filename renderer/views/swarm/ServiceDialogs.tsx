// Scale a service, or roll its image to another: small dialogs whose fields
// are checked by the contract's own schemas before anything is asked.
import { useState } from 'react';
import { imageRef } from '../../../electron/contract/refs.ts';
import {
  serviceScaleCommandLine,
  serviceUpdateImageCommandLine,
} from '../../../electron/contract/swarm-commands.ts';
import { replicaCount } from '../../../electron/contract/swarm-refs.ts';
import type { SwarmServiceRow } from '../../../electron/contract/swarm-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { CommandPreview } from '../../components/CommandPreview.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { DialogButtons } from './DialogButtons.tsx';
import { problemsOf, replicasOf } from './field-problems.ts';
import { unpinned } from './service-text.ts';
import type { RunSwarmAction } from './use-swarm-action.ts';

interface DialogProps {
  service: SwarmServiceRow;
  run: RunSwarmAction;
  onClose(): void;
}

/** A value and its problems; the dialog's main button acts only when there are none. */
function OneFieldDialog(props: {
  title: string;
  label: string;
  hint: string;
  initial: string;
  action: string;
  problems(value: string): string[];
  command(value: string): (shell: Parameters<typeof serviceScaleCommandLine>[2]) => string;
  onAct(value: string): void;
  onClose(): void;
}) {
  const ref = useModal();
  const [value, setValue] = useState(props.initial);
  const problems = props.problems(value);
  const act = () => {
    if (problems.length) return;
    props.onClose();
    props.onAct(value);
  };
  return (
    <dialog ref={ref} aria-label={props.title} className="dialog" onCancel={props.onClose}>
      <h2>{props.title}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          act();
        }}
      >
        <Field label={props.label} errors={problems} hint={props.hint}>
          {(a) => (
            <input {...a} autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
          )}
        </Field>
        <CommandPreview
          command={(shell) => (problems.length ? null : props.command(value)(shell))}
        />
        <DialogButtons onCancel={props.onClose} disabled={problems.length > 0}>
          {props.action}
        </DialogButtons>
      </form>
    </dialog>
  );
}

export function ScaleServiceDialog({ service, run, onClose }: DialogProps) {
  const target = useCliTarget();
  const name = service.name;
  return (
    <OneFieldDialog
      title={`Scale ${name}`}
      label="Replicas"
      hint={`How many tasks of ${name} should run; ${service.running} run now.`}
      initial={String(service.desired)}
      action="Scale"
      problems={(text) => problemsOf(replicaCount, replicasOf(text))}
      command={(text) => (shell) => serviceScaleCommandLine(name, Number(text), shell, target)}
      onClose={onClose}
      onAct={(text) => {
        const replicas = Number(text);
        void run(
          `Scale ${name} to ${replicas}`,
          (shell, t) => serviceScaleCommandLine(name, replicas, shell, t),
          () => getClient().call('swarm.scaleService', service.id, replicas),
        );
      }}
    />
  );
}

export function UpdateImageDialog({ service, run, onClose }: DialogProps) {
  const target = useCliTarget();
  const name = service.name;
  return (
    <OneFieldDialog
      title={`Update image of ${name}`}
      label="Image"
      hint="Its tasks are replaced one by one (a rolling update); Roll back returns to the image before."
      initial={unpinned(service.image)}
      action="Update image"
      problems={(text) => problemsOf(imageRef, text.trim())}
      command={(text) => (shell) => serviceUpdateImageCommandLine(name, text.trim(), shell, target)}
      onClose={onClose}
      onAct={(text) => {
        const image = text.trim();
        void run(
          `Update ${name} to ${image}`,
          (shell, t) => serviceUpdateImageCommandLine(name, image, shell, t),
          () => getClient().call('swarm.updateImage', service.id, image),
        );
      }}
    />
  );
}
