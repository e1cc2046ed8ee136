// One terminal: an xterm.js instance living in its own element (moved into
// whichever panel shows it, so scrollback survives leaving the page) and the
// contract stream behind it. Flow control: each frame is acked from xterm's
// write callback, once xterm has parsed it, so the app pauses the engine
// socket while xterm is behind (stream-pump.ts holds the watermarks).
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import type { TerminalKind } from '../../../../electron/contract/terminals-channels.ts';
import { getClient } from '../../../client/contract-client.ts';
import { useSettingsStore } from '../../../stores/settings-store.ts';
import type { StreamHandle } from '../../../client/transport.ts';
import { hasHardwareWebgl } from './gpu.ts';
import { mirrorXtermStyles } from './xterm-styles.ts';

export interface SessionTarget {
  kind: TerminalKind;
  /** The container's id (exec, attach) or the image's reference (image). */
  ref: string;
  command?: string[];
}

export type SessionState =
  | { phase: 'connecting' }
  | { phase: 'open' }
  | { phase: 'ended'; message: string; hint?: string; failed: boolean };

/** Only http(s) links open, only on a click, in a new window (the desktop face sends those to the browser). */
export function openLink(_event: MouseEvent, uri: string): void {
  let protocol: string;
  try {
    protocol = new URL(uri).protocol;
  } catch {
    return;
  }
  if (protocol === 'http:' || protocol === 'https:')
    window.open(uri, '_blank', 'noopener,noreferrer');
}

export class TerminalSession {
  readonly element = document.createElement('div');
  readonly term: Terminal;
  readonly search = new SearchAddon();
  readonly #fit = new FitAddon();
  #handle: StreamHandle | undefined;
  #state: SessionState = { phase: 'connecting' };
  readonly #listeners = new Set<() => void>();
  #unmirror: (() => void) | undefined;
  readonly #unwatchFont: () => void;

  readonly target: SessionTarget;

  constructor(target: SessionTarget) {
    this.target = target;
    this.element.className = 'terminal-host';
    const { terminalFontFamily, terminalFontSize } = useSettingsStore.getState().settings;
    this.term = new Terminal({
      screenReaderMode: true,
      scrollback: 5_000,
      convertEol: false,
      fontFamily: terminalFontFamily,
      fontSize: terminalFontSize,
    });
    // The Settings page's font applies at once, also to terminals already open (refit: cells change size).
    this.#unwatchFont = useSettingsStore.subscribe(({ settings: s }) => {
      if (
        s.terminalFontFamily === this.term.options.fontFamily &&
        s.terminalFontSize === this.term.options.fontSize
      )
        return;
      this.term.options.fontFamily = s.terminalFontFamily;
      this.term.options.fontSize = s.terminalFontSize;
      this.fit();
    });
    // OSC 52 would let a program write the user's clipboard: swallow it.
    this.term.parser.registerOscHandler(52, () => true);
    this.term.loadAddon(this.#fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new WebLinksAddon(openLink));
    this.term.attachCustomKeyEventHandler((e) => this.#clipboardKeys(e));
    this.term.onData((data) => this.#handle?.input(data));
    this.term.onBinary((data) =>
      this.#handle?.input(Uint8Array.from(data, (c) => c.charCodeAt(0))),
    );
    this.term.onResize(({ cols, rows }) => this.#handle?.resize(cols, rows));
    // When pixels change, for measuring keystroke-to-screen (the accessibility
    // tree, which tests read, follows the screen up to a second later on purpose).
    this.term.onRender(() => this.element.dispatchEvent(new Event('terminal-render')));
  }

  get state(): SessionState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Shows the terminal in `host`; the first time, opens xterm there and connects. */
  attachTo(host: HTMLElement): void {
    host.appendChild(this.element);
    if (!this.term.element) {
      this.term.open(this.element);
      this.#unmirror = mirrorXtermStyles(this.element);
      this.#tryWebgl();
      this.fit();
      this.connect();
    } else this.fit();
  }

  fit(): void {
    if (this.element.isConnected && this.element.clientWidth > 0) this.#fit.fit();
  }

  /** Opens the stream (again, after an end: the same screen, a fresh process). */
  connect(): void {
    this.#handle?.cancel();
    this.#setState({ phase: 'connecting' });
    const { kind, ref, command } = this.target;
    const size = { cols: this.term.cols, rows: this.term.rows };
    const handlers = {
      onData: (bytes: Uint8Array, ack: () => void) => {
        if (this.#state.phase === 'connecting') this.#setState({ phase: 'open' });
        this.term.write(bytes, ack);
      },
      onEnd: (error?: ErrorEnvelope) => this.#ended(error),
    };
    const client = getClient();
    const cmd = command ? { command } : {};
    this.#handle =
      kind === 'exec'
        ? client.stream('containers.exec', [{ id: ref, ...cmd, ...size }], handlers)
        : kind === 'attach'
          ? client.stream('containers.attach', [{ id: ref, ...size }], handlers)
          : client.stream('images.shell', [{ image: ref, ...cmd, ...size }], handlers);
    if (kind === 'attach') this.#setState({ phase: 'open' });
  }

  dispose(): void {
    this.#handle?.cancel();
    this.#handle = undefined;
    this.#unwatchFont();
    this.term.dispose();
    this.#unmirror?.();
    this.element.remove();
  }

  #ended(error?: ErrorEnvelope): void {
    this.#handle = undefined;
    const program = this.target.kind === 'attach' ? "The container's main process" : 'The process';
    this.#setState(
      error
        ? {
            phase: 'ended',
            message: error.message,
            failed: true,
            ...(error.hint ? { hint: error.hint } : {}),
          }
        : { phase: 'ended', message: `${program} exited.`, failed: false },
    );
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  #tryWebgl(): void {
    // A software rasteriser (no GPU) makes WebGL slower than the DOM renderer.
    if (!hasHardwareWebgl()) return;
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => webgl.dispose());
      this.term.loadAddon(webgl);
    } catch {
      // No GPU (headless, some VMs): xterm's DOM renderer stays in charge.
    }
  }

  /** Ctrl+Shift+C / Ctrl+Shift+V copy and paste; plain Ctrl+C stays the program's interrupt. */
  #clipboardKeys(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    const key = e.key.toLowerCase();
    if (key === 'c' && this.term.hasSelection()) {
      void navigator.clipboard.writeText(this.term.getSelection()).catch(() => {
        // Clipboard refused (no permission): the selection stays for the menu's Copy.
      });
      return false;
    }
    if (key === 'v') {
      navigator.clipboard
        .readText()
        .then((text) => this.term.paste(text))
        .catch(() => {
          // Clipboard refused: the browser's own paste (Ctrl+V, the menu) still works.
        });
      return false;
    }
    return true;
  }
}
