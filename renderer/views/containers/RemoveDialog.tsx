import { useState } from 'react';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { runContainerAction } from '../../stores/container-actions-store.ts';
import { isActive } from './container-filter.ts';

/** Asks before removing one container or a project's (running ones need force, said plainly), then removes them. */
export function RemoveDialog(props: {
  containers: ContainerSummary[];
  project?: string;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const [volumes, setVolumes] = useState(false);
  const running = props.containers.filter(isActive);
  const single = props.containers.length === 1 && !props.project;

  const what = single
    ? props.containers[0]!.name
    : props.project
      ? `the ${props.containers.length} containers of ${props.project}`
      : `the ${props.containers.length} selected containers`;
  const noun = single ? 'container' : `${props.containers.length} containers`;
  return (
    <ConfirmDialog
      title={single ? 'Remove container' : props.project ? 'Remove project' : 'Remove containers'}
      words={
        <>
          Remove <strong>{what}</strong>?{' '}
          {running.length
            ? `${running.length === 1 && single ? 'It is' : `${running.length} are`} running: killed first, and unsaved work is lost.`
            : 'This cannot be undone.'}
        </>
      }
      confirm={running.length ? `Force remove ${noun}` : `Remove ${noun}`}
      onConfirm={() => {
        for (const c of props.containers) {
          void runContainerAction(c.id, 'remove', { force: running.length > 0, volumes }, c.name);
        }
      }}
      onClose={props.onClose}
      fallbackFocus={props.fallbackFocus}
    >
      <label className="checkbox">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove anonymous volumes
      </label>
    </ConfirmDialog>
  );
}
