// What the contract client needs from a transport. Two implement it: the
// WebSocket one (browser face) and the IPC one (Electron preload).
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';

/** `unauthorized`: the server no longer knows this page's session (it was restarted). */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface StreamHandlers {
  /** Call `ack(bytes.byteLength)` once the bytes are processed (after xterm's write callback). */
  onData(bytes: Uint8Array, ack: () => void): void;
  onEnd(error?: ErrorEnvelope): void;
}

export interface StreamHandle {
  cancel(): void;
}

export interface Transport {
  /** Resolves with the value, or rejects with a ContractError. */
  call(channel: string, args: unknown[]): Promise<unknown>;
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
  openStream(channel: string, args: unknown[], handlers: StreamHandlers): StreamHandle;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
}
