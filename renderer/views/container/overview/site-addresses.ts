// A container's published ports as addresses a person can open. The engine
// reports one binding per host address, so a port published on all addresses
// comes twice (0.0.0.0 and ::): one address per host port and protocol.
import type { PortBinding } from '../../../../electron/contract/container-types.ts';

export interface SiteAddress {
  hostPort: number;
  containerPort: number;
  protocol: PortBinding['protocol'];
  /** Only for TCP: what a browser opens. */
  url?: string;
  /** Bound to loopback only: another machine reaches it only through a tunnel. */
  loopbackOnly: boolean;
  /** From another machine: the SSH command that forwards the port to this one. */
  sshForward?: string;
}

const LOCAL_NAMES = new Set(['', 'localhost', '127.0.0.1', '[::1]', '::1']);
const LOOPBACK = /^(127\.|::1$|localhost$)/;

/** `location.hostname` of the page: a name other than this machine's means the browser face is used from afar. */
export function isRemotePage(hostname: string): boolean {
  return !LOCAL_NAMES.has(hostname.toLowerCase());
}

export function siteAddresses(ports: readonly PortBinding[], pageHostname: string): SiteAddress[] {
  const remote = isRemotePage(pageHostname);
  const byKey = new Map<string, SiteAddress>();
  for (const p of ports) {
    if (p.publicPort === undefined) continue;
    const key = `${p.publicPort}/${p.protocol}`;
    const loopback = LOOPBACK.test(p.hostIp ?? '');
    const known = byKey.get(key);
    if (known) {
      // Any binding on a public address makes the port reachable from afar.
      known.loopbackOnly &&= loopback;
      continue;
    }
    byKey.set(key, {
      hostPort: p.publicPort,
      containerPort: p.privatePort,
      protocol: p.protocol,
      loopbackOnly: loopback,
    });
  }
  const out = [...byKey.values()].sort(
    (a, b) => a.hostPort - b.hostPort || a.protocol.localeCompare(b.protocol),
  );
  for (const a of out) {
    // A loopback-only port opened from afar works once the SSH line below forwards it.
    const host = remote && !a.loopbackOnly ? pageHostname : 'localhost';
    if (a.protocol === 'tcp') a.url = `http://${host}:${a.hostPort}`;
    if (remote) a.sshForward = `ssh -L ${a.hostPort}:localhost:${a.hostPort} ${pageHostname}`;
  }
  return out;
}

/** The container port a web server usually listens on comes first: 80, 8080, 443, … */
export function firstWebAddress(addresses: readonly SiteAddress[]): SiteAddress | undefined {
  const web = [80, 8080, 8000, 3000, 5000, 443, 8443];
  const tcp = addresses.filter((a) => a.url);
  const rank = (a: SiteAddress) => {
    const i = web.indexOf(a.containerPort);
    return i < 0 ? web.length : i;
  };
  return [...tcp].sort((a, b) => rank(a) - rank(b))[0];
}
