// One error envelope for every failure that crosses the contract. Transports
// send it unchanged; the renderer shows `message` and quotes `engineMessage`.

type ErrorKind =
  /** The caller sent arguments the schema rejects. */
  | 'bad-request'
  /** No such call or stream channel. */
  | 'unknown-channel'
  /** The engine answered with an error (status and its own message attached). */
  | 'engine'
  /** No engine answers at the endpoint. */
  | 'unreachable'
  /** The socket exists but this user may not open it. */
  | 'permission-denied'
  | 'timeout'
  | 'cancelled'
  | 'not-found'
  | 'conflict'
  /** An SSH host offered a key known_hosts does not list: `hostKey` says which, for the user to trust. */
  | 'ssh-host-unknown'
  /** An SSH host offered another key than known_hosts holds for it: refused, never offered for trust. */
  | 'ssh-host-changed'
  /** An SSH host offered a key known_hosts marks `@revoked`. */
  | 'ssh-host-revoked'
  /** The SSH server refused every way of logging in that was tried. */
  | 'ssh-auth-refused'
  /** A bug on our side; the message says what was being done. */
  | 'internal';

export interface ErrorEnvelope {
  kind: ErrorKind;
  /** What happened, in plain words, for the user. */
  message: string;
  /** The engine's own words, verbatim. */
  engineMessage?: string;
  /** The engine's HTTP status, when it answered. */
  status?: number;
  /** The supervisor or progress step that failed. */
  step?: string;
  /** What to do about it. */
  hint?: string;
  /** For the ssh-host-* kinds: the key the host offered. */
  hostKey?: SshHostKey;
}

/** A host key an SSH server offered, as `ssh-keygen -lf` describes it. */
export interface SshHostKey {
  /** The host as known_hosts names it (`[host]:port` off port 22 is `host` and `port` here). */
  host: string;
  port: number;
  /** The SSH key type (`ssh-ed25519`) and `ssh-keygen -lf`'s bits and label (`256`, `ED25519`). */
  keyType: string;
  bits: number;
  label: string;
  /** `SHA256:…`, exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** Where the key known for the host is (changed, revoked). */
  knownHostsFile?: string;
  line?: number;
}

/** An Error that carries an envelope across the contract. */
export class ContractError extends Error {
  readonly envelope: ErrorEnvelope;

  constructor(envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ContractError';
    this.envelope = envelope;
  }
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.message === 'string';
}

/** The alert text for anything a call rejected with: the envelope's words, else the error's message. */
export function describeFailure(err: unknown): string {
  const envelope = (err as { envelope?: unknown } | null)?.envelope;
  if (isErrorEnvelope(envelope)) return describeError(envelope);
  return err instanceof Error ? err.message : String(err);
}

/** The text an alert shows: our words, then the engine's, then what to do. */
export function describeError(e: ErrorEnvelope): string {
  const parts = [e.message];
  if (e.engineMessage && !e.message.includes(e.engineMessage)) {
    parts.push(`(engine: ${e.engineMessage})`);
  }
  if (e.hint) parts.push(e.hint);
  return parts.join(' ');
}
