// One SshSession per remote engine (address and SSH settings), shared by
// everything that talks to it: the engine connection's two dockerode
// clients, pings, probes and raw readers. Sessions hold no connection while
// nothing uses them (see IDLE_MS), so they are kept for the app's life.
import type { SshHostKey } from '../../contract/errors.ts';
import { trustOfferedKey } from './host-keys.ts';
import { SshSession } from './ssh-session.ts';
import { defaultSshSettings, type SshSettings } from './ssh-target.ts';
import type { SshAddress } from './ssh-url.ts';

const sessions = new Map<string, SshSession>();

export function sshSessionFor(address: SshAddress, settings?: Partial<SshSettings>): SshSession {
  const full = { ...defaultSshSettings(), ...settings };
  const key = JSON.stringify([address, full]);
  let session = sessions.get(key);
  if (!session) {
    session = new SshSession(address, full);
    sessions.set(key, session);
  }
  return session;
}

/**
 * Whether an ssh:// engine answers `/_ping`, for a dialog adding one: resolves
 * with its API version, or rejects with the typed error (ssh-host-unknown and
 * its `hostKey`, ssh-host-changed, ssh-auth-refused, unreachable with the
 * remote's words...), never a bare "socket hang up".
 */
export function reachSshEngine(
  address: SshAddress,
  settings?: Partial<SshSettings>,
  timeoutMs = 30_000,
): Promise<{ apiVersion?: string }> {
  return new Promise((resolve, reject) => {
    const request = sshSessionFor(address, settings).request({
      path: '/_ping',
      method: 'GET',
      timeout: timeoutMs,
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        const version = response.headers['api-version'];
        if (response.statusCode === 200)
          resolve(typeof version === 'string' ? { apiVersion: version } : {});
        else reject(new Error(`the engine answered /_ping with HTTP ${response.statusCode}`));
      });
    });
    request.end();
  });
}

/**
 * The user accepted a host key an ssh:// engine offered (an `ssh-host-unknown`
 * error's `hostKey`): it goes into their known_hosts, and connections retry at once.
 */
export async function trustHostKey(
  key: Pick<SshHostKey, 'host' | 'port' | 'fingerprint'>,
): Promise<{ file: string }> {
  const written = await trustOfferedKey(key);
  for (const session of sessions.values()) session.resetBackoff();
  return written;
}

/** Closes every SSH connection (the app quits, a test ends). */
export function closeSshSessions(): void {
  for (const session of sessions.values()) session.close();
  sessions.clear();
}
