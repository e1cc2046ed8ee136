// The part of ssh2's API Berth uses (the package ships no types, and
// @types/ssh2 is not a dependency): a client, its exec channels, key parsing.
declare module 'ssh2' {
  import type { EventEmitter } from 'node:events';
  import type { Duplex, Readable } from 'node:stream';

  export interface ExecChannel extends Duplex {
    readonly stderr: Readable;
    close(): void;
  }

  export type AuthAttempt =
    | { type: 'agent'; username: string; agent: string }
    | { type: 'publickey'; username: string; key: Buffer };

  export interface ConnectConfig {
    host: string;
    port: number;
    username: string;
    readyTimeout?: number;
    keepaliveInterval?: number;
    keepaliveCountMax?: number;
    hostVerifier?: (key: Buffer, verify: (ok: boolean) => void) => void;
    authHandler?: (
      methodsLeft: string[] | null,
      partialSuccess: boolean | null,
      next: (attempt: AuthAttempt | false) => void,
    ) => void;
    algorithms?: { serverHostKey?: { prepend: string[] } };
  }

  export class Client extends EventEmitter {
    connect(config: ConnectConfig): this;
    exec(
      command: string,
      callback: (err: Error | undefined, channel: ExecChannel) => void,
    ): boolean;
    setNoDelay(noDelay: boolean): this;
    end(): this;
    destroy(): this;
  }

  export interface ParsedKey {
    type: string;
    isPrivateKey(): boolean;
  }

  const ssh2: {
    Client: typeof Client;
    utils: {
      parseKey(data: Buffer | string, passphrase?: string): ParsedKey | ParsedKey[] | Error;
    };
  };
  export default ssh2;
}
