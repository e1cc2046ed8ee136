// Stacks: the services grouped by `com.docker.stack.namespace` (what
// `docker stack deploy` labels them with). Deploying needs the docker CLI on
// Berth's machine, as compose files are the CLI's to read; without it the
// button says why it is off. Removing takes the stack's services, networks,
// secrets and configs.
import { useState } from 'react';
import type { StackCliInfo } from '../../../electron/contract/swarm-channels.ts';
import {
  stackDeployCommandLine,
  stackRemoveCommandLine,
} from '../../../electron/contract/swarm-commands.ts';
import type { SwarmStackRow } from '../../../electron/contract/swarm-types.ts';
import { hostPath } from '../../../electron/contract/image-build-channels.ts';
import { stackName } from '../../../electron/contract/swarm-refs.ts';
import { getClient } from '../../client/contract-client.ts';
import { CommandPreview } from '../../components/CommandPreview.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';
import { DialogButtons } from './DialogButtons.tsx';
import { problemsOf } from './field-problems.ts';
import { useReadOnce } from './use-read-once.ts';
import type { RunSwarmAction } from './use-swarm-action.ts';

/** Whether the CLI here deploys stacks; when it cannot be asked, why, as the reason the button is off. */
function useStackCli(): StackCliInfo | null {
  const { value, failure } = useReadOnce('swarm.stackCli');
  return failure ? { version: null, hint: failure } : value;
}

export function Stacks(props: { stacks: SwarmStackRow[]; run: RunSwarmAction }) {
  const cli = useStackCli();
  const [deploying, setDeploying] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const off = cli && !cli.version ? cli.hint : null;
  return (
    <section aria-labelledby="swarm-stacks-title" className="swarm-stacks">
      <div className="section-header">
        <h2 id="swarm-stacks-title">Stacks</h2>
        <button
          type="button"
          disabled={!cli?.version}
          aria-describedby={off ? 'stack-cli-note' : undefined}
          onClick={() => setDeploying(true)}
        >
          Deploy stack
        </button>
      </div>
      {off && (
        <p id="stack-cli-note" role="note" className="muted">
          {off}
        </p>
      )}
      <SimpleGrid
        label="Stacks"
        columns={['Stack', 'Services', 'Actions']}
        rows={props.stacks.map((s) => ({
          key: s.name,
          name: `${s.name}, ${s.services} service${s.services === 1 ? '' : 's'}`,
          cells: [
            s.name,
            String(s.services),
            <span key="actions" className="row-actions">
              <button
                type="button"
                tabIndex={-1}
                className="danger"
                onClick={() => setRemoving(s.name)}
              >
                Remove stack
              </button>
            </span>,
          ],
        }))}
      />
      {props.stacks.length === 0 && <p className="empty">No stack is deployed.</p>}
      {deploying && <DeployStackDialog run={props.run} onClose={() => setDeploying(false)} />}
      {removing && (
        <ConfirmDialog
          title={`Remove stack ${removing}?`}
          words={`Its services stop and go, with the networks, secrets and configs the stack made. This cannot be undone.`}
          confirm="Remove stack"
          onClose={() => setRemoving(null)}
          onConfirm={() =>
            void props.run(
              `Remove stack ${removing}`,
              (shell, t) => stackRemoveCommandLine(removing, shell, t),
              () => getClient().call('swarm.removeStack', removing),
            )
          }
        />
      )}
    </section>
  );
}

function DeployStackDialog(props: { run: RunSwarmAction; onClose(): void }) {
  const ref = useModal();
  const target = useCliTarget();
  const [name, setName] = useState('');
  const [file, setFile] = useState('');
  const nameProblems = name ? problemsOf(stackName, name.trim()) : [];
  const fileProblems = file ? problemsOf(hostPath, file.trim()) : [];
  const ready = name.trim() && file.trim() && !nameProblems.length && !fileProblems.length;
  const request = { name: name.trim(), file: file.trim() };
  return (
    <dialog
      ref={ref}
      aria-labelledby="deploy-stack-title"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="deploy-stack-title">Deploy stack</h2>
      <Field label="Stack name" errors={nameProblems}>
        {(a) => <input {...a} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        label="Compose file"
        errors={fileProblems}
        hint="Its full path on the machine Berth runs on (/home/me/todo/docker-compose-swarm.yml)."
      >
        {(a) => <input {...a} value={file} onChange={(e) => setFile(e.target.value)} />}
      </Field>
      <CommandPreview
        command={(shell) =>
          ready ? stackDeployCommandLine(request.name, request.file, shell, target) : null
        }
      />
      <DialogButtons
        onCancel={props.onClose}
        disabled={!ready}
        onAct={() => {
          props.onClose();
          void props.run(
            `Deploy stack ${request.name}`,
            (shell, t) => stackDeployCommandLine(request.name, request.file, shell, t),
            () => getClient().call('swarm.deployStack', request),
          );
        }}
      >
        Deploy
      </DialogButtons>
    </dialog>
  );
}
