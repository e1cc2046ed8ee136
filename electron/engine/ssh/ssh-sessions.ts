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
