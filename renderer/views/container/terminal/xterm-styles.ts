// xterm's DOM renderer sizes and colours its rows with <style> elements it
// writes at run time. The app's Content-Security-Policy allows no inline
// styles (style-src 'self'), so the browser ignores them; rather than loosen
// the policy for every page, their text is copied into constructed
// stylesheets, which the policy does not govern and no page content can write.

/** Mirrors the <style> elements under `root` into adopted sheets; returns the undo. */
export function mirrorXtermStyles(root: HTMLElement): () => void {
  const sheets = new Map<HTMLStyleElement, { sheet: CSSStyleSheet; text: string }>();
  const sync = () => {
    for (const el of root.querySelectorAll('style')) {
      let mirror = sheets.get(el);
      if (!mirror) {
        mirror = { sheet: new CSSStyleSheet(), text: '' };
        sheets.set(el, mirror);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, mirror.sheet];
      }
      const text = el.textContent ?? '';
      // Replacing a sheet restyles the whole document: only when its text changed.
      if (text !== mirror.text) mirror.sheet.replaceSync((mirror.text = text));
    }
  };
  sync();
  // The rows below change on every frame while output flows; only styles matter here.
  const observer = new MutationObserver((records) => {
    if (records.some(touchesStyle)) sync();
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return () => {
    observer.disconnect();
    const mine = new Set([...sheets.values()].map((m) => m.sheet));
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => !mine.has(s));
  };
}

function touchesStyle(record: MutationRecord): boolean {
  const isStyle = (node: Node | null) => node?.nodeName === 'STYLE';
  return (
    isStyle(record.target) ||
    isStyle(record.target.parentNode) ||
    [...record.addedNodes].some(isStyle)
  );
}
