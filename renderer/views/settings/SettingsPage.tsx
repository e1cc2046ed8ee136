// The user's lasting choices, each applied where it is used as soon as it is
// changed, and kept in settings.json by the app (so every window and both
// faces agree). A settings file the app could not use is reported here.
import { useShallow } from 'zustand/react/shallow';
import {
  LOG_CAP_RANGE,
  OPTIONAL_CONTAINER_COLUMNS,
  settingFields,
  TERMINAL_FONT_SIZE_RANGE,
  THEMES,
  type OptionalContainerColumn,
  type SettingsProblem,
  type Theme,
} from '../../../electron/contract/settings-channels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useEngineStore } from '../../stores/engine-store.ts';
import { updateSettings, useSettingsStore } from '../../stores/settings-store.ts';
import { DraftField } from './DraftField.tsx';
import './settings-page.css';

const columnLabels: Record<OptionalContainerColumn, string> = {
  image: 'Image',
  stats: 'CPU and memory',
  ports: 'Ports',
  created: 'Created',
};

const themeLabels: Record<Theme, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};

export function SettingsPage() {
  const { settings, problem, path, error } = useSettingsStore(
    useShallow((s) => ({ settings: s.settings, problem: s.problem, path: s.path, error: s.error })),
  );
  const candidates = useEngineStore((s) => s.candidates);
  const hidden = new Set(settings.hiddenContainerColumns);
  const toggleColumn = (column: OptionalContainerColumn, shown: boolean) => {
    const next = OPTIONAL_CONTAINER_COLUMNS.filter((c) => (c === column ? !shown : hidden.has(c)));
    void updateSettings({ hiddenContainerColumns: next });
  };
  const chosenKnown = candidates.some((c) => c.id === settings.engineId);

  return (
    <main aria-label="Settings" className="page settings-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      {problem && <ProblemAlert problem={problem} />}
      {error && <ErrorAlert message={error} />}

      <section className="panel" aria-labelledby="settings-engine">
        <h2 id="settings-engine">Engine</h2>
        <div className="field">
          <label htmlFor="settings-engine-choice">Engine to use</label>
          <select
            id="settings-engine-choice"
            value={settings.engineId ?? ''}
            aria-describedby="settings-engine-hint"
            onChange={(e) => void updateSettings({ engineId: e.target.value || null })}
          >
            <option value="">Automatic</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
            {settings.engineId && !chosenKnown && (
              <option value={settings.engineId}>{settings.engineId} (not found now)</option>
            )}
          </select>
          <p id="settings-engine-hint" className="field-hint">
            Automatic: the first engine that answers, else Berth's own. Choosing one here or on the
            Engine page shows it at once and is remembered.
          </p>
        </div>
      </section>

      <section className="panel" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">Appearance</h2>
        <fieldset className="choices">
          <legend>Theme</legend>
          {THEMES.map((theme) => (
            <label key={theme} className="checkbox">
              <input
                type="radio"
                name="settings-theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => void updateSettings({ theme })}
              />
              {themeLabels[theme]}
            </label>
          ))}
        </fieldset>
      </section>

      <section className="panel" aria-labelledby="settings-containers">
        <h2 id="settings-containers">Containers</h2>
        <fieldset className="choices">
          <legend>Columns of the Containers list</legend>
          {OPTIONAL_CONTAINER_COLUMNS.map((column) => (
            <label key={column} className="checkbox">
              <input
                type="checkbox"
                checked={!hidden.has(column)}
                onChange={(e) => toggleColumn(column, e.target.checked)}
              />
              {columnLabels[column]}
            </label>
          ))}
        </fieldset>
        <p className="field-hint">Name, State and the actions always show.</p>
        <DraftField
          label="Log buffer (lines)"
          type="number"
          min={LOG_CAP_RANGE.min}
          max={LOG_CAP_RANGE.max}
          value={settings.logBufferCap}
          schema={settingFields.logBufferCap.unwrap()}
          hint="How many lines a log view keeps; Download log always has all of them."
          onCommit={(logBufferCap) => void updateSettings({ logBufferCap })}
        />
      </section>

      <section className="panel" aria-labelledby="settings-terminal">
        <h2 id="settings-terminal">Terminal</h2>
        <div className="field-row">
          <DraftField
            label="Terminal font"
            type="text"
            value={settings.terminalFontFamily}
            schema={settingFields.terminalFontFamily.unwrap()}
            hint="A list of fonts, the first one installed is used."
            onCommit={(terminalFontFamily) => void updateSettings({ terminalFontFamily })}
          />
          <DraftField
            label="Terminal font size"
            type="number"
            min={TERMINAL_FONT_SIZE_RANGE.min}
            max={TERMINAL_FONT_SIZE_RANGE.max}
            value={settings.terminalFontSize}
            schema={settingFields.terminalFontSize.unwrap()}
            onCommit={(terminalFontSize) => void updateSettings({ terminalFontSize })}
          />
        </div>
      </section>

      <section className="panel" aria-labelledby="settings-vm">
        <h2 id="settings-vm">Virtual machine</h2>
        <p className="muted">
          CPUs, memory and disk size for the engine's virtual machine will be set here when Berth
          runs its own VM on macOS and Windows. On Linux its engine uses this machine directly.
        </p>
      </section>

      {path && (
        <p className="muted fine-print">
          Kept in <code>{path}</code>
        </p>
      )}
    </main>
  );
}

function ProblemAlert({ problem }: { problem: SettingsProblem }) {
  return (
    <div role="alert" aria-label="Settings file problem" className="alert settings-problem">
      <p>{problem.message}</p>
      <p>
        File: <code>{problem.path}</code>
        {problem.setAsidePath && (
          <>
            <br />
            Kept as: <code>{problem.setAsidePath}</code>
          </>
        )}
      </p>
    </div>
  );
}
