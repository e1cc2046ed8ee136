// A serial console line as plain text. The kernel, the guest's init and
// dockerd write for a terminal: colour codes, cursor moves, and carriage
// returns that redraw a line in place. Shown as they are they would read as
// noise, so the escapes go, and of a line redrawn with CR only what a
// terminal would end up showing stays.

// ESC [ … final byte (CSI), ESC ] … BEL or ESC \ (OSC), and two-byte escapes.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?/g;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROLS = /[\0-\x08\x0b-\x1f\x7f-\x9f]/g;

export function consoleText(line: string): string {
  const redrawn = line.split('\r').filter((part) => part !== '');
  const last = redrawn.at(-1) ?? '';
  return last.replace(ESCAPES, '').replace(CONTROLS, '');
}
