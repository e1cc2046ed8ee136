// xterm's DOM renderer sizes and colours its rows with <style> elements it
// writes at run time. The app's Content-Security-Policy allows no inline
// styles (style-src 'self'), so the browser ignores them; rather than loosen
// the policy for every page, their text is copied into constructed
// stylesheets, which the policy does not govern and no page content can write.

/** Mirrors the <style> elements under `root` into adopted sheets; returns the undo. */
export function mirrorXtermStyles(root: HTMLElement): () => void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
  const sync = () => {
    for (const el of root.querySelectorAll('style')) {
      let sheet = sheets.get(el);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheets.set(el, sheet);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      sheet.replaceSync(el.textContent ?? '');
    }
  };
  sync();
  const observer = new MutationObserver(sync);
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return () => {
    observer.disconnect();
    const mine = new Set(sheets.values());
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => !mine.has(s));
  };
}
