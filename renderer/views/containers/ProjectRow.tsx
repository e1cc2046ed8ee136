import { ActionIcon } from '../../components/ActionIcon.tsx';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { useContainerActionsStore } from '../../stores/container-actions-store.ts';
import { projectHref } from '../../use-hash-route.ts';
import { startProject, stopProject } from '../projects/project-actions.ts';
import { isActive } from './container-filter.ts';
import type { RowProps } from './ContainerRow.tsx';
import { Term } from '../../glossary/Term.tsx';

/** A Compose project's header row: its containers at a glance, collapse, and group actions. */
export function ProjectRow(
  props: RowProps & {
    project: string;
    containers: ContainerSummary[];
    collapsed: boolean;
    onToggle(): void;
    onRemove(): void;
  },
) {
  const running = props.containers.filter(isActive).length;
  const busy = useContainerActionsStore((s) =>
    props.containers.some((c) => s.pending[c.id] !== undefined),
  );
  const startAll = () => startProject(props.containers);
  const stopAll = () => stopProject(props.containers);
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-expanded={!props.collapsed}
      aria-label={`Project ${props.project} ${running} of ${props.containers.length} running`}
      aria-disabled={props.stale || undefined}
      tabIndex={props.focused ? 0 : -1}
      data-row={props.rowIndex}
      className={`grid-row project-row${props.stale ? ' stale' : ''}`}
      style={props.style}
    >
      <div role="gridcell" className="cell select" />
      <div role="gridcell" className="cell name project-name" title={props.project}>
        <button
          type="button"
          className="toggle"
          tabIndex={-1}
          aria-label={props.collapsed ? `Expand ${props.project}` : `Collapse ${props.project}`}
          onClick={props.onToggle}
        >
          {props.collapsed ? '▸' : '▾'}
        </button>
        <a href={projectHref(props.project)} tabIndex={-1}>
          {props.project}
        </a>
      </div>
      <div role="gridcell" className="cell image muted">
        <Term term="composeProject" focusable={-1}>
          Compose project
        </Term>
      </div>
      <div role="gridcell" className="cell state muted">
        {running} of {props.containers.length} running
      </div>
      <div role="gridcell" className="cell stat cpu" />
      <div role="gridcell" className="cell stat memory" />
      <div role="gridcell" className="cell ports" />
      <div role="gridcell" className="cell created" />
      <div role="gridcell" className="cell actions">
        <div className="row-actions">
          <IconButton
            action="start"
            label="Start project"
            disabled={busy || props.stale || running === props.containers.length}
            onClick={startAll}
          />
          <IconButton
            action="stop"
            label="Stop project"
            disabled={busy || props.stale || running === 0}
            onClick={stopAll}
          />
          <IconButton
            action="remove"
            label="Remove project"
            disabled={busy || props.stale}
            onClick={props.onRemove}
          />
        </div>
      </div>
    </div>
  );
}

function IconButton(props: {
  action: 'start' | 'stop' | 'remove';
  label: string;
  disabled: boolean;
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className={`small icon${props.action === 'remove' ? ' danger' : ''}`}
      aria-label={props.label}
      title={props.label}
      tabIndex={-1}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <ActionIcon action={props.action} />
    </button>
  );
}
