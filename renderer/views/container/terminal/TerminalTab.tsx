import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import {
  DETACH_KEYS,
  splitCommand,
  terminalCommandLine,
  type TerminalKind,
} from '../../../../electron/contract/terminals-channels.ts';
import { defaultShell, useCliTarget } from '../../../stores/cli-target.ts';
import { terminalName } from './terminal-registry.ts';
import { useTerminalsStore } from './terminal-store.ts';
import { TerminalView } from './TerminalView.tsx';

/**
 * A container's terminals as tabs: shells (or a typed command) through exec,
 * the main process through attach, or, for a stopped container, a shell in a
 * throwaway container of its image.
 */
export function TerminalTab({ container }: { container: ContainerSummary }) {
  const terminals = useTerminalsStore((s) => s.registry[container.id]);
  const { open, close, activate } = useTerminalsStore.getState();
  const [commandText, setCommandText] = useState('');
  const [showCommand, setShowCommand] = useState(false);
  const [search, setSearch] = useState('');
  const cliTarget = useCliTarget();
  const running = container.state === 'running';
  const { command, problem } = splitCommand(commandText);
  const active = terminals?.entries.find((e) => e.number === terminals.active);

  const start = (kind: TerminalKind) =>
    open(container.id, {
      kind,
      ref: kind === 'image' ? container.image : container.id,
      ...(command && kind !== 'attach' ? { command } : {}),
    });

  // One click from the list to a shell: the tab opens with a terminal in it.
  useEffect(() => {
    // Read at run time: React's development double-run must not open two.
    const open = useTerminalsStore.getState().registry[container.id]?.entries.length;
    if (!open && running) start('exec');
    // Only when the tab is shown empty; later opens are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shownKind: TerminalKind = running ? 'exec' : 'image';
  const shownLines = [
    terminalCommandLine(
      shownKind,
      { name: running ? container.name : container.image, ...(command ? { command } : {}) },
      defaultShell(),
      cliTarget,
    ),
    ...(running
      ? [terminalCommandLine('attach', { name: container.name }, defaultShell(), cliTarget)]
      : []),
  ];

  return (
    <div className="terminals">
      <div className="toolbar">
        <label>
          Command{' '}
          <input
            type="text"
            value={commandText}
            placeholder="bash or sh"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'terminal-command-problem' : undefined}
            onChange={(e) => setCommandText(e.target.value)}
          />
        </label>
        {problem && (
          <span id="terminal-command-problem" className="field-errors">
            {problem}
          </span>
        )}
        {running ? (
          <>
            <button type="button" disabled={!!problem} onClick={() => start('exec')}>
              New terminal
            </button>
            <button type="button" onClick={() => start('attach')}>
              Attach to main process
            </button>
          </>
        ) : (
          <>
            <span className="muted">The container is not running.</span>
            <button type="button" disabled={!!problem} onClick={() => start('image')}>
              Run a shell in this image
            </button>
          </>
        )}
        <button type="button" aria-expanded={showCommand} onClick={() => setShowCommand((v) => !v)}>
          Show command
        </button>
      </div>
      {showCommand &&
        shownLines.map((line) => (
          <code key={line} className="command-line">
            {line}
          </code>
        ))}
      {terminals && terminals.entries.length > 0 && (
        <div role="tablist" aria-label="Terminals" className="tabs">
          {terminals.entries.map((e) => (
            <span key={e.number} className="terminal-tab">
              <button
                type="button"
                role="tab"
                aria-selected={e.number === terminals.active}
                onClick={() => activate(container.id, e.number)}
              >
                {terminalName(e.number)}
              </button>
              <button
                type="button"
                className="small"
                aria-label={`Close ${terminalName(e.number)}`}
                title={`Close ${terminalName(e.number)}`}
                onClick={() => close(container.id, e.number)}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {active && (
        <>
          <div className="toolbar">
            <input
              type="search"
              aria-label="Search terminal"
              placeholder="Search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' || !search) return;
                if (e.shiftKey) active.session.search.findPrevious(search);
                else active.session.search.findNext(search);
              }}
            />
            {active.session.target.kind === 'attach' && (
              <span className="muted">Detach keys: {DETACH_KEYS}</span>
            )}
          </div>
          <TerminalView
            key={active.number}
            session={active.session}
            name={terminalName(active.number)}
          />
        </>
      )}
    </div>
  );
}
