// The user's settings, as the app holds them: fetched on (re)connect, kept
// equal across windows and faces by `settings.changed`. Pages read single
// values with narrow selectors; until the first answer they see the defaults.
import { create } from 'zustand';
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  type SettingsProblem,
  type SettingsState,
} from '../../electron/contract/settings-channels.ts';
import { describeFailure } from '../../electron/contract/errors.ts';
import { getClient } from '../client/contract-client.ts';

interface SettingsStore {
  settings: Settings;
  problem: SettingsProblem | null;
  path: string | null;
  /** The last change the app refused, in the words the alert shows. */
  error: string | null;
}

export const useSettingsStore = create<SettingsStore>(() => ({
  settings: DEFAULT_SETTINGS,
  problem: null,
  path: null,
  error: null,
}));

const apply = (state: SettingsState) =>
  useSettingsStore.setState({
    settings: state.settings,
    problem: state.problem,
    path: state.path,
  });

let started = false;

export function startSettingsSync(): void {
  if (started) return;
  started = true;
  const client = getClient();
  client.on('settings.changed', apply);
  const refresh = async () => {
    try {
      apply(await client.call('settings.get'));
    } catch (err) {
      useSettingsStore.setState({ error: describeFailure(err) });
    }
  };
  client.onConnection((connection) => {
    if (connection === 'open') void refresh();
  });
  void refresh();
}

/**
 * Changes settings. The page shows the change at once (a checkbox or radio
 * must follow its click); the app's answer then confirms it, or a refusal
 * puts the value back and lands in `error` for the page's alert.
 */
export async function updateSettings(patch: SettingsPatch): Promise<boolean> {
  const before = useSettingsStore.getState().settings;
  useSettingsStore.setState({ error: null, settings: { ...before, ...patch } as Settings });
  try {
    apply(await getClient().call('settings.update', patch));
    return true;
  } catch (err) {
    useSettingsStore.setState({ settings: before, error: describeFailure(err) });
    return false;
  }
}
