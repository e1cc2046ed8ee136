/**
 * Whether a focus was moved by the keyboard's navigation keys (Tab, arrows,
 * Home/End, Page Up/Down). A tooltip opens on such a focus only: a field
 * focused by a click, by a dialog opening (after Enter) or by the app itself
 * (the first wrong field after a refused submit) should not cover its
 * neighbours with an explanation nobody asked for, nor make the next Escape
 * close a tooltip instead of the dialog.
 */
const NAVIGATION = new Set([
  'Tab',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);
/** A grid moves focus after a render; anything later than this was not that key's doing. */
const FOCUS_WINDOW_MS = 500;

let navigatedAt = -Infinity;
let listening = false;

export function focusFromKeyboard(): boolean {
  watchInputModality();
  return performance.now() - navigatedAt < FOCUS_WINDOW_MS;
}

export function watchInputModality() {
  if (listening) return;
  listening = true;
  document.addEventListener(
    'keydown',
    (e) => {
      // Any other key (Enter opening a dialog, Escape closing one) ends the navigation.
      navigatedAt = NAVIGATION.has(e.key) ? performance.now() : -Infinity;
    },
    true,
  );
  document.addEventListener('pointerdown', () => (navigatedAt = -Infinity), true);
}
