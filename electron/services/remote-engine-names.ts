// Names derived from an added engine's address: what the Engine page calls it
// when the user gave no name, its certificates' folder, and the Docker context
// Berth writes for the user's CLI. Addresses reach here already checked
// (engine-remote.ts), so only letters, digits, `.`, `-`, `:`, `@`, `/`, `[]` occur.
import { createHash } from 'node:crypto';
import type { ParsedEndpoint } from '../engine/endpoint.ts';

export function defaultLabel(parsed: ParsedEndpoint, tls: boolean): string {
  if (parsed.kind === 'ssh') {
    const { user, host, port } = parsed.address;
    return `Docker on ${user ? `${user}@` : ''}${host}${port ? `:${port}` : ''} (SSH)`;
  }
  if (parsed.kind === 'tcp')
    return `Docker on ${parsed.host}:${parsed.port} (${tls ? 'TLS' : 'plain TCP'})`;
  return 'Docker';
}

/** A readable slug of the address, and a short hash so two addresses never share a name. */
function slug(address: string): string {
  const readable = address
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  const hash = createHash('sha256').update(address).digest('hex').slice(0, 8);
  return `${readable}-${hash}`;
}

/** The folder (under the data folder's remote-engines/) of its client certificates. */
export function folderNameFor(address: string): string {
  return slug(address);
}

/** `berth-<host>-<port>-<hash>`: a valid context name (letters, digits, `.`, `-`; starts with a letter). */
export function contextNameFor(address: string): string {
  return `berth-${slug(address)}`;
}
