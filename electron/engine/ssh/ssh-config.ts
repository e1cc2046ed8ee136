// The few ~/.ssh/config keywords that decide where and as whom Berth connects,
// read as ssh_config(5) says: `Host` blocks with `*`/`?` patterns and `!`
// negation, the first value obtained for a keyword wins (IdentityFile adds up),
// `Keyword value` or `Keyword=value`, keywords case-insensitive. `Match` blocks
// and `Include` are not read (their keywords are skipped, never misapplied);
// the docker CLI's own ssh would honour them, so the README says so.

export interface HostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  /** `HashKnownHosts yes`: a host the user trusts goes in hashed. */
  hashKnownHosts?: boolean;
}

/** The settings for `host` (the name as typed in the URL); `home` expands `~/`. */
export function hostConfig(text: string, host: string, home: string): HostConfig {
  const out: HostConfig = { identityFiles: [] };
  let applies = true; // lines before the first Host block apply to every host
  for (const raw of text.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*?)\s*$/.exec(raw);
    if (!match || raw.trim().startsWith('#')) continue;
    const keyword = match[1]!.toLowerCase();
    const value = unquote(match[2]!);
    if (keyword === 'host') {
      applies = hostPatternsMatch(value.split(/\s+/), host);
      continue;
    }
    if (keyword === 'match') {
      applies = false;
      continue;
    }
    if (!applies || value === '') continue;
    switch (keyword) {
      case 'hostname':
        out.hostName ??= value.replaceAll('%h', host).replaceAll('%%', '%');
        break;
      case 'user':
        out.user ??= value;
        break;
      case 'port': {
        const port = Number(value);
        if (out.port === undefined && Number.isInteger(port) && port > 0 && port < 65536)
          out.port = port;
        break;
      }
      case 'identityfile':
        out.identityFiles.push(expandHome(value, home));
        break;
      case 'hashknownhosts':
        out.hashKnownHosts ??= value.toLowerCase() === 'yes';
        break;
    }
  }
  return out;
}

function hostPatternsMatch(patterns: string[], host: string): boolean {
  const lower = host.toLowerCase();
  let matched = false;
  for (const pattern of patterns.map((p) => p.toLowerCase())) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    const source = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    if (!new RegExp(`^${source}$`).test(lower)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home}/${path.slice(2)}`;
  return path.replaceAll('%d', home).replaceAll('%%', '%');
}
