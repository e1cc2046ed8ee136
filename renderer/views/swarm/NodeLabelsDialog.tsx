// A node's labels (what placement constraints read): add `KEY=value` lines,
// tick the ones to remove; one `docker node update --label-add/--label-rm`.
import { useState } from 'react';
import { parseEnv } from '../../../electron/contract/run-spec/parse.ts';
import type { NodeLabelChange } from '../../../electron/contract/swarm-channels.ts';
import { nodeLabelsCommandLine } from '../../../electron/contract/swarm-commands.ts';
import { swarmLabelKey, swarmLabelValue } from '../../../electron/contract/swarm-refs.ts';
import type { SwarmNodeRow } from '../../../electron/contract/swarm-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { CommandPreview } from '../../components/CommandPreview.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { DialogButtons } from './DialogButtons.tsx';
import { problemsOf } from './field-problems.ts';
import type { RunSwarmAction } from './use-swarm-action.ts';

/** The change the fields describe, or the problems of the lines to add. */
export function labelChangeOf(
  addText: string,
  remove: string[],
): { change: NodeLabelChange; problems: string[] } {
  const parsed = parseEnv(addText);
  const add: Record<string, string> = {};
  const problems = parsed.ok ? [] : parsed.errors;
  for (const line of parsed.ok ? parsed.value : []) {
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? '' : line.slice(eq + 1);
    problems.push(...problemsOf(swarmLabelKey, key), ...problemsOf(swarmLabelValue, value));
    add[key] = value;
  }
  return { change: { add, remove }, problems };
}

export function NodeLabelsDialog(props: {
  node: SwarmNodeRow;
  run: RunSwarmAction;
  onClose(): void;
}) {
  const ref = useModal();
  const target = useCliTarget();
  const [addText, setAddText] = useState('');
  const [remove, setRemove] = useState<string[]>([]);
  const host = props.node.hostname || props.node.id;
  const { change, problems } = labelChangeOf(addText, remove);
  const empty = Object.keys(change.add).length === 0 && remove.length === 0;
  return (
    <dialog
      ref={ref}
      aria-labelledby="node-labels-title"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="node-labels-title">Labels of {host}</h2>
      {Object.keys(props.node.labels).length > 0 && (
        <fieldset>
          <legend>Remove</legend>
          {Object.entries(props.node.labels).map(([key, value]) => (
            <label key={key} className="checkbox">
              <input
                type="checkbox"
                checked={remove.includes(key)}
                onChange={(e) =>
                  setRemove((r) => (e.target.checked ? [...r, key] : r.filter((k) => k !== key)))
                }
              />
              {`Remove ${key}`} <span className="muted">({value})</span>
            </label>
          ))}
        </fieldset>
      )}
      <Field label="Add labels" errors={problems} hint="One KEY=value a line (zone=east).">
        {(a) => (
          <textarea {...a} rows={3} value={addText} onChange={(e) => setAddText(e.target.value)} />
        )}
      </Field>
      <CommandPreview
        command={(shell) =>
          problems.length || empty ? null : nodeLabelsCommandLine(host, change, shell, target)
        }
      />
      <DialogButtons
        onCancel={props.onClose}
        disabled={problems.length > 0 || empty}
        onAct={() => {
          props.onClose();
          void props.run(
            `Change labels of ${host}`,
            (shell, t) => nodeLabelsCommandLine(host, change, shell, t),
            () => getClient().call('swarm.nodeLabels', props.node.id, change),
          );
        }}
      >
        Save labels
      </DialogButtons>
    </dialog>
  );
}
