/**
 * Whether the last thing the user did was a key press or a pointer. A
 * tooltip opens on focus only when the focus came from the keyboard: a field
 * focused by a click, or by a dialog opening under the mouse, should not
 * cover its neighbours with an explanation nobody asked for.
 */
let keyboard = false;
let listening = false;

export function focusFromKeyboard(): boolean {
  if (!listening) listen();
  return keyboard;
}

function listen() {
  listening = true;
  document.addEventListener('keydown', () => (keyboard = true), true);
  document.addEventListener('pointerdown', () => (keyboard = false), true);
}

/** Called when a page starts, so the first key press is seen. */
export function watchInputModality() {
  if (!listening) listen();
}
