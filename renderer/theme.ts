// Applies the theme setting to the whole page: `data-theme` on <html> picks
// the colours (styles.css, theme-dark.css), and `color-scheme` gives native
// controls and scrollbars the same look. "system" follows the OS as it changes.
import { THEMES, type Theme } from '../electron/contract/settings-channels.ts';
import { useSettingsStore } from './stores/settings-store.ts';
import './theme-dark.css';

const prefersDark = () => window.matchMedia('(prefers-color-scheme: dark)');
/** The last theme seen, so a reload paints it before the app answers (no light flash in dark). */
const REMEMBERED = 'berth.theme';

export function resolveTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

let painted: Theme | null = null;

function paint(theme: Theme): void {
  painted = theme;
  localStorage.setItem(REMEMBERED, theme);
  const resolved = resolveTheme(theme, prefersDark().matches);
  document.documentElement.dataset.theme = resolved;
  document.documentElement.style.colorScheme = resolved;
}

let started = false;

export function startThemeSync(): void {
  if (started) return;
  started = true;
  const remembered = localStorage.getItem(REMEMBERED);
  paint(
    remembered && (THEMES as readonly string[]).includes(remembered)
      ? (remembered as Theme)
      : useSettingsStore.getState().settings.theme,
  );
  // Every answer is compared with what is painted, not with the store's last value:
  // the first answer may equal the store's default while the remembered theme differs.
  useSettingsStore.subscribe((s) => {
    if (s.path !== null && s.settings.theme !== painted) paint(s.settings.theme);
  });
  prefersDark().addEventListener('change', () => paint(useSettingsStore.getState().settings.theme));
}
