// ANSI colours in log lines (SGR: `ESC [ … m`) into styled spans, the text of
// which React renders as text, never as markup. Every other escape sequence
// is dropped unread: an OSC 52 (write the clipboard) or OSC 8 (a hyperlink)
// in a log does nothing here, and cursor moves mean nothing in a list of lines.
// Other control characters show as their visible symbols (U+2400…).

export interface SpanStyle {
  fg?: string;
  bg?: string;
  bold?: true;
  dim?: true;
  italic?: true;
  underline?: true;
  inverse?: true;
}

export interface Span extends SpanStyle {
  text: string;
}

/** xterm's default 16 colours, readable on both the light and dark themes. */
const BASIC = [
  '#000000', '#cd3131', '#0dbc79', '#b59f00', '#2472c8', '#bc3fbc', '#11a8cd', '#a0a0a0',
  '#666666', '#f14c4c', '#23d18b', '#d5c000', '#3b8eea', '#d670d6', '#29b8db', '#e5e5e5',
]; // prettier-ignore

function color256(n: number): string | undefined {
  if (n < 0 || n > 255) return undefined;
  if (n < 16) return BASIC[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

/** The colour an extended code (`38;5;n` or `38;2;r;g;b`) names, and how many codes it used. */
function extended(codes: number[], at: number): [string | undefined, number] {
  if (codes[at + 1] === 5) return [color256(codes[at + 2] ?? -1), 3];
  if (codes[at + 1] === 2) {
    const [r, g, b] = [codes[at + 2], codes[at + 3], codes[at + 4]];
    const ok = [r, g, b].every((c) => c !== undefined && c >= 0 && c <= 255);
    return [ok ? `rgb(${r},${g},${b})` : undefined, 5];
  }
  return [undefined, 1];
}

function apply(style: SpanStyle, params: string): SpanStyle {
  const next: SpanStyle = { ...style };
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) for (const k of Object.keys(next)) delete next[k as keyof SpanStyle];
    else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 7) next.inverse = true;
    else if (c === 22) {
      delete next.bold;
      delete next.dim;
    } else if (c === 23) delete next.italic;
    else if (c === 24) delete next.underline;
    else if (c === 27) delete next.inverse;
    else if (c >= 30 && c <= 37) next.fg = BASIC[c - 30]!;
    else if (c >= 90 && c <= 97) next.fg = BASIC[c - 90 + 8]!;
    else if (c === 39) delete next.fg;
    else if (c >= 40 && c <= 47) next.bg = BASIC[c - 40]!;
    else if (c >= 100 && c <= 107) next.bg = BASIC[c - 100 + 8]!;
    else if (c === 49) delete next.bg;
    else if (c === 38 || c === 48) {
      const [value, used] = extended(codes, i);
      if (value) next[c === 38 ? 'fg' : 'bg'] = value;
      else delete next[c === 38 ? 'fg' : 'bg'];
      i += used - 1;
    }
  }
  return next;
}

/** A control character as its visible symbol; tab stays a tab. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (ch) =>
    ch === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + ch.charCodeAt(0)),
  );
}

// CSI (7-bit or 8-bit), OSC up to BEL or ST (or the line's end), other two-byte escapes.
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- escape sequences are what it looks for
  /(?:\u001b\[|\u009b)([0-?]*)([ -/]*)([@-~])|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c|$)|\u001b[P^_X][^\u001b\u009c]*(?:\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?/g;

/** A log line's text as styled spans, escape sequences taken out. */
export function parseSgr(line: string): Span[] {
  const spans: Span[] = [];
  let style: SpanStyle = {};
  let at = 0;
  const add = (text: string) => {
    if (text) spans.push({ ...style, text: visible(text) });
  };
  for (const match of line.matchAll(ESCAPES)) {
    add(line.slice(at, match.index));
    at = match.index + match[0].length;
    const [, params, intermediates, final] = match;
    if (final === 'm' && intermediates === '' && params !== undefined && /^[\d;:]*$/.test(params)) {
      style = apply(style, params);
    }
  }
  add(line.slice(at));
  return spans;
}

/** The text a line shows (what search matches), escapes taken out. */
export function plainText(line: string): string {
  return line.includes('\u001b') || /[\u009b\u009d]/.test(line)
    ? parseSgr(line)
        .map((s) => s.text)
        .join('')
    : visible(line);
}
