// Remote engines the user adds on the Engine page: the "Add engine" dialog's
// request, the host key they trust, and the record kept in settings.json.
// Addresses are checked strictly here, before anything reaches SSH, a socket
// or the disk: a host or user that could read as an option (`-oProxyCommand`),
// spaces, quotes or line breaks never pass, so every command Berth shows with
// an address (`docker -H ssh://… ps`) is safe to paste into a shell.
import { z } from 'zod';
import type { EngineCandidate } from './engine-types.ts';
import { dockerCommandLine, type Shell } from './run-spec/run-command.ts';

/** A DNS name or IPv4 address (not starting with `-` or `.`), or an IPv6 address in brackets. */
const HOST = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])`;
const PORT = String.raw`(?::(?<port>[0-9]{1,5}))`;
/** A POSIX login name: letters, digits, `.`, `_`, `-`, not starting with `-`. */
const USER = String.raw`[A-Za-z0-9_][A-Za-z0-9._-]{0,31}`;
/** The remote engine's socket, as the CLI's `ssh://host/run/docker.sock` names it. */
const SOCKET_PATH = String.raw`(?:/[A-Za-z0-9._-]+)+`;

const SSH_ADDRESS = new RegExp(`^ssh://(?:${USER}@)?${HOST}${PORT}?(?:${SOCKET_PATH})?$`);
const TCP_ADDRESS = new RegExp(`^tcp://${HOST}${PORT}$`);

function portInRange(address: string): boolean {
  const match = SSH_ADDRESS.exec(address) ?? TCP_ADDRESS.exec(address);
  const port = match?.groups?.port;
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
}

/** `ssh://user@host[:port]` or `tcp://host:port`, nothing else. */
export const remoteAddress = z
  .string()
  .trim()
  .min(1, 'Address: type an address, like ssh://me@build-box or tcp://build-box:2376')
  .max(300, 'Address: at most 300 characters')
  .refine(
    (a) => SSH_ADDRESS.test(a) || TCP_ADDRESS.test(a),
    'Address: ssh://user@host[:port] or tcp://host:port (letters, digits, dots and dashes; no spaces or options)',
  )
  .refine(portInRange, 'Address: the port is a number from 1 to 65535');

/** A PEM text pasted into the dialog, or the absolute path of a PEM file on Berth's machine. */
const pemOrPath = (field: string) =>
  z
    .string()
    .trim()
    .min(1, `${field}: paste the PEM text or give the path of the file`)
    .max(256 * 1024, `${field}: at most 256 kB`)
    .refine(
      (v) => v.includes('-----BEGIN ') || /^(\/|[A-Za-z]:[\\/])[^\0\n\r]*$/.test(v),
      `${field}: PEM text (-----BEGIN …) or an absolute path to a file`,
    );

export const tlsFilesInput = z
  .object({
    ca: pemOrPath('CA certificate'),
    cert: pemOrPath('Client certificate'),
    key: pemOrPath('Client key'),
  })
  .strict();

/** A name the user gives the engine: one line of plain text. */
const engineLabel = z
  .string()
  .trim()
  .min(1, 'Name: at least one character')
  .max(80, 'Name: at most 80 characters')
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32), 'Name: no line breaks or tabs');

export const addEngineRequest = z
  .object({
    address: remoteAddress,
    name: engineLabel.optional(),
    /** For tcp://: the client certificates; without them the link is plain TCP. */
    tls: tlsFilesInput.optional(),
    /** tcp:// without TLS: anyone on the path can read and drive the engine, so it takes an explicit yes. */
    allowPlaintext: z.boolean().optional(),
  })
  .strict()
  .refine((r) => !(r.tls && r.address.startsWith('ssh://')), {
    message: 'TLS certificates are for tcp:// addresses; ssh:// uses your SSH keys',
    path: ['tls'],
  });
export type AddEngineRequest = z.input<typeof addEngineRequest>;

/** The host key an `ssh-host-unknown` error offered, as the user accepts it. */
export const hostKeyToTrust = z
  .object({
    host: z.string().regex(new RegExp(`^(?:${HOST}|[0-9A-Fa-f:.]{2,45})$`), 'not a host name'),
    port: z.number().int().min(1).max(65_535),
    fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'not a SHA256 fingerprint'),
  })
  .strict();
export type HostKeyToTrust = z.input<typeof hostKeyToTrust>;

/** One engine the user added, as settings.json keeps it. */
export const remoteEngineRecord = z
  .object({
    /** Its candidate id: the address. */
    id: remoteAddress,
    address: remoteAddress,
    label: engineLabel,
    /** Its client certificates (ca.pem, cert.pem, key.pem) in Berth's data folder. */
    tlsDir: z.string().min(1).max(4096).optional(),
    /** The Docker context Berth wrote for the user's CLI (TLS engines). */
    cliContext: z.string().min(1).max(200).optional(),
  })
  .strict();
export type RemoteEngineRecord = z.output<typeof remoteEngineRecord>;

/** `docker -H ssh://… ps`, or `docker --context NAME ps` where Berth wrote a context: how the user's CLI reaches an added engine. */
export function engineCliLine(
  c: Pick<EngineCandidate, 'endpoint' | 'cliContext'>,
  shell: Shell,
): string {
  return dockerCommandLine(
    ['ps'],
    shell,
    c.cliContext ? { context: c.cliContext } : { host: c.endpoint },
  );
}
