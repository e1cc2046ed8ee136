// Puts text on the clipboard from a user's gesture (a click, a key). The copy
// command with the text put into its own event comes first: it needs no
// permission, and the desktop window refuses every permission request
// (electron/shell/session-policy.ts), clipboard writes included. The async
// clipboard API is the fallback where the command is not run.
export async function copyText(text: string): Promise<void> {
  let put = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    put = true;
  };
  document.addEventListener('copy', onCopy, true);
  try {
    // Deprecated but still the only permission-free way to write the clipboard on request.
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy, true);
  }
  if (!put) await navigator.clipboard.writeText(text);
}

/** The user selected text inside `within` with the mouse: a copy there is the browser's own. */
export function hasTextSelection(within: Node | null): boolean {
  const s = document.getSelection();
  return !!within && !!s && !s.isCollapsed && s.rangeCount > 0 && within.contains(s.anchorNode);
}
