// The SSH side of one remote engine: SSH connections kept open to the host
// (keepalives find a dead link), and on them one channel per HTTP connection
// running `docker system dial-stdio`, as the docker CLI does. An OpenSSH
// server allows 10 sessions per connection (MaxSessions), so channels beyond
// that open a further connection; those extra ones close when idle.
//
// A dropped link fails its channels (each request or stream sees the error,
// and the engine connection's own reconnect logic opens new ones); the next
// channel reconnects, after a back-off when connecting keeps failing. A
// connection with no channel for IDLE_MS closes, so an engine the app no
// longer uses holds nothing open on the host.
import http from 'node:http';
import ssh2, { type Client, type ExecChannel } from 'ssh2';
import { ContractError } from '../../contract/errors.ts';
import { backoffDelay, type BackoffPolicy } from '../backoff.ts';
import { authPlan } from './ssh-auth.ts';
import { ChannelSocket } from './channel-socket.ts';
import { checkHostKey, knownKeyTypes } from './host-keys.ts';
import { authRefused, connectFailed, dialFailed, linkDropped } from './ssh-errors.ts';
import { resolveTarget, type SshSettings, type SshTarget } from './ssh-target.ts';
import { dialStdioCommand, type SshAddress } from './ssh-url.ts';

/** OpenSSH's default MaxSessions is 10; one spare for the server's own accounting. */
const CHANNELS_PER_LINK = 9;
const IDLE_MS = 60_000;
const READY_TIMEOUT_MS = 20_000;
/** A dead link is noticed after 3 unanswered keepalives, 5 s apart. */
const KEEPALIVE_MS = 5_000;
const KEEPALIVE_COUNT = 3;
const RECONNECT: BackoffPolicy = { initialMs: 500, factor: 2, maxMs: 10_000 };

interface Link {
  client: Client;
  ready: Promise<void>;
  target?: SshTarget;
  channels: number;
  /** No more channels fit on it (MaxSessions reached, or it is closing). */
  full: boolean;
  idle?: NodeJS.Timeout;
}

export class SshSession {
  readonly #address: SshAddress;
  readonly #settings: SshSettings;
  readonly #links = new Set<Link>();
  #failures = 0;
  #retryAt = 0;
  #closed = false;
  #agent: http.Agent | undefined;

  constructor(address: SshAddress, settings: SshSettings) {
    this.#address = address;
    this.#settings = settings;
  }

  /** A fresh channel to the engine, as a socket node:http can use. */
  async openChannel(): Promise<ChannelSocket> {
    for (let attempt = 0; ; attempt++) {
      const link = await this.#linkWithRoom();
      try {
        return await this.#exec(link);
      } catch (error) {
        // The server refused one more session on this link: open another link.
        if (attempt < 2 && /open failed|channel open failure/i.test((error as Error).message)) {
          link.full = true;
          continue;
        }
        throw error;
      }
    }
  }

  /** For node:http: `createConnection` that opens a channel per connection. */
  readonly createConnection = (
    _options: unknown,
    callback: (error: Error | null, socket?: ChannelSocket) => void,
  ): undefined => {
    this.openChannel().then(
      (socket) => callback(null, socket),
      (error: Error) => callback(error),
    );
    return undefined;
  };

  /** One request on a channel of its own (probes, pings, raw readers); the channel closes after it. */
  request(options: http.RequestOptions): http.ClientRequest {
    const { agent: _agent, ...rest } = options;
    const request = http.request({ ...rest, createConnection: this.createConnection as never });
    // node:http's `timeout` starts with the socket; an SSH handshake comes before it.
    const { timeout } = options;
    if (timeout) {
      const timer = setTimeout(() => {
        if (!request.socket) request.destroy(new Error(`no SSH channel within ${timeout} ms`));
      }, timeout);
      timer.unref();
      request.once('socket', () => clearTimeout(timer));
      request.once('close', () => clearTimeout(timer));
    }
    return request;
  }

  /**
   * The session's keep-alive agent for dockerode: its connections are reused
   * channels, closed after 30 s idle. One per session, shared by every client
   * of this engine: each new channel starts a `docker system dial-stdio` on the
   * host (a process, ~0.1 s), so a connection made again soon after (a switch
   * back, a reconnect) reuses the channels the last one left idle.
   */
  httpAgent(): http.Agent {
    if (!this.#agent) {
      this.#agent = new http.Agent({ keepAlive: true, timeout: 30_000 });
      (this.#agent as unknown as { createConnection: unknown }).createConnection =
        this.createConnection;
    }
    return this.#agent;
  }

  /** Connecting failed just now; the next attempt waits out a back-off. Forget it (a key was trusted). */
  resetBackoff(): void {
    this.#failures = 0;
    this.#retryAt = 0;
  }

  close(): void {
    this.#closed = true;
    this.#agent?.destroy();
    for (const link of [...this.#links]) this.#drop(link);
  }

  async #linkWithRoom(): Promise<Link> {
    if (this.#closed) {
      throw new ContractError({ kind: 'cancelled', message: 'The SSH session was closed.' });
    }
    for (const link of this.#links) {
      if (!link.full && link.channels < CHANNELS_PER_LINK) {
        link.channels++;
        this.#clearIdle(link);
        try {
          await link.ready;
          return link;
        } catch (error) {
          link.channels--;
          throw error;
        }
      }
    }
    const link = this.#connect();
    link.channels++;
    try {
      await link.ready;
    } catch (error) {
      link.channels--;
      throw error;
    }
    return link;
  }

  #connect(): Link {
    const client = new ssh2.Client();
    const link: Link = { client, ready: Promise.resolve(), channels: 0, full: false };
    this.#links.add(link);
    link.ready = this.#handshake(link).then(
      () => {
        this.#failures = 0;
        this.#retryAt = 0;
      },
      (error: unknown) => {
        this.#retryAt = Date.now() + backoffDelay(RECONNECT, this.#failures++);
        this.#drop(link);
        throw error;
      },
    );
    // Nobody may be waiting on it yet; the rejection is handled by each waiter.
    link.ready.catch(() => undefined);
    return link;
  }

  async #handshake(link: Link): Promise<void> {
    const wait = this.#retryAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const target = await resolveTarget(this.#address, this.#settings);
    link.target = target;
    const [{ handler, log }, knownTypes] = await Promise.all([
      authPlan(target),
      knownKeyTypes(target),
    ]);
    let refusal: ContractError | null = null;
    await new Promise<void>((resolve, reject) => {
      const { client } = link;
      client.once('ready', () => resolve());
      client.on('error', (error: Error & { level?: string }) => {
        if (refusal) return reject(refusal);
        if (error.level === 'client-authentication')
          return reject(authRefused(target, log.tried, log.skipped, log.serverMethods));
        reject(connectFailed(target, error));
      });
      client.on('close', () => {
        reject(linkDropped(target, 'closed during the handshake'));
        this.#drop(link);
      });
      client.connect({
        host: target.host,
        port: target.port,
        username: target.user,
        readyTimeout: READY_TIMEOUT_MS,
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: KEEPALIVE_COUNT,
        authHandler: handler,
        // Ask for the key types known_hosts lists for the host first, as OpenSSH does.
        ...(knownTypes.length
          ? { algorithms: { serverHostKey: { prepend: hostKeyAlgorithms(knownTypes) } } }
          : {}),
        hostVerifier: (key, verify) => {
          checkHostKey(target, key).then(
            (error) => {
              refusal = error;
              verify(error === null);
            },
            (error: Error) => {
              refusal = connectFailed(target, error);
              verify(false);
            },
          );
        },
      });
      // Requests are small writes answered by small reads: Nagle's algorithm held
      // each warm call ~40 ms (measured here: 52 ms median with it, 19 ms without).
      client.setNoDelay(true);
    });
  }

  #exec(link: Link): Promise<ChannelSocket> {
    const target = link.target!;
    return new Promise((resolve, reject) => {
      const opened = (error: Error | undefined, channel: ExecChannel) => {
        if (error) {
          this.#release(link);
          return reject(error);
        }
        channel.once('close', () => this.#release(link));
        resolve(
          new ChannelSocket(channel, {
            exited: (code, stderr) => (code === 0 ? null : dialFailed(target, code, stderr)),
            dropped: () => linkDropped(target),
          }),
        );
      };
      try {
        link.client.exec(dialStdioCommand(this.#address), opened);
      } catch (error) {
        // ssh2 throws "Not connected" when the link dropped after it was ready.
        this.#release(link);
        this.#drop(link);
        reject(linkDropped(target, (error as Error).message));
      }
    });
  }

  #release(link: Link): void {
    link.channels--;
    if (link.channels > 0 || !this.#links.has(link)) return;
    this.#clearIdle(link);
    link.idle = setTimeout(() => this.#drop(link), IDLE_MS);
    link.idle.unref();
  }

  #clearIdle(link: Link): void {
    if (link.idle) clearTimeout(link.idle);
    link.idle = undefined;
  }

  #drop(link: Link): void {
    if (!this.#links.delete(link)) return;
    link.full = true;
    this.#clearIdle(link);
    link.client.end();
  }
}

/** The algorithms that present a key of each type (an RSA key signs with SHA-2 first). */
function hostKeyAlgorithms(types: string[]): string[] {
  return types.flatMap((type) =>
    type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type],
  );
}
