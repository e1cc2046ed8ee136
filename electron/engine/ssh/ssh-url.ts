// `ssh://[user@]host[:port][/socket/path]`, read as the docker CLI reads it
// (cli/connhelper/ssh): no password, query or fragment; a path names the
// engine's socket on the remote host, handed to `docker --host unix://PATH`.

export interface SshAddress {
  /** Absent when the URL names none: ~/.ssh/config's User, else the local user. */
  user?: string;
  host: string;
  /** Absent when the URL names none: ~/.ssh/config's Port, else 22. */
  port?: number;
  /** The remote engine's socket, when the URL names one. */
  socketPath?: string;
}

export type SshUrlResult = { ok: true; address: SshAddress } | { ok: false; reason: string };

export function parseSshUrl(url: string): SshUrlResult {
  const fail = (why: string): SshUrlResult => ({ ok: false, reason: `"${url}": ${why}` });
  if (!/^ssh:\/\//i.test(url.trim())) return fail('not an ssh:// address');
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return fail('not a valid address (expected ssh://user@host[:port])');
  }
  if (parsed.password) return fail('a password in the address is not supported; use a key');
  if (parsed.search || parsed.hash) return fail('an ssh:// address takes no ? or # part');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return fail('names no host');
  const address: SshAddress = { host };
  if (parsed.username) address.user = decodeURIComponent(parsed.username);
  if (parsed.port) address.port = Number(parsed.port);
  const path = decodeURIComponent(parsed.pathname);
  if (path && path !== '/') address.socketPath = path;
  return { ok: true, address };
}

/** The command each HTTP connection runs on the remote host: what the docker CLI runs. */
export function dialStdioCommand(address: SshAddress): string {
  const host = address.socketPath ? `--host ${quoteRemote(`unix://${address.socketPath}`)} ` : '';
  return `docker ${host}system dial-stdio`;
}

/** For the remote login shell: one single-quoted word. */
function quoteRemote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
