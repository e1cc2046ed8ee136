// Whether an added engine answers: `/_ping` over its own transport under one
// deadline. For ssh:// and TLS the typed refusals (an unknown or changed host
// key, a login refused; a certificate not trusted, expired or refused) can be
// kept whole, so the "Add engine" dialog can ask about an unknown key, or
// show the words and the fix, instead of a sentence built around them.
import type { EngineCandidate } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { parseEndpoint, type EngineEndpoint } from '../engine/endpoint.ts';
import { probeEndpoint } from '../engine/probe.ts';
import { reachSshEngine } from '../engine/ssh/ssh-sessions.ts';
import type { TlsFileNames } from '../engine/tls-errors.ts';
import { reachTlsEngine } from '../engine/tls-reach.ts';

/** While an engine is added its files are copies in a folder of the moment: the words name the dialog's fields. */
const DIALOG_FILE_NAMES: TlsFileNames = {
  ca: 'the "CA certificate" you gave',
  cert: 'the "Client certificate" you gave',
  all: 'the "CA certificate", "Client certificate" and "Client key" you gave',
};

export type RemoteProbe = Pick<EngineCandidate, 'state' | 'detail' | 'hint' | 'apiVersion'>;

export async function probeRemote(
  endpoint: EngineEndpoint,
  opts: {
    timeoutMs: number;
    /** Reject with the transport's typed refusal rather than describe it. */
    typed: boolean;
  },
): Promise<RemoteProbe> {
  const parsed = parseEndpoint(endpoint.url, { tls: endpoint.certPath !== undefined });
  const { certPath } = endpoint;
  const reach =
    parsed.kind === 'ssh'
      ? () => reachSshEngine(parsed.address, endpoint.ssh, opts.timeoutMs)
      : certPath !== undefined
        ? () =>
            reachTlsEngine(
              endpoint.url,
              certPath,
              opts.timeoutMs,
              opts.typed ? DIALOG_FILE_NAMES : undefined,
            )
        : null;
  if (!reach) return probeEndpoint(endpoint.url, { timeoutMs: opts.timeoutMs });
  try {
    const { apiVersion } = await reach();
    return { state: 'reachable', ...(apiVersion ? { apiVersion } : {}) };
  } catch (error) {
    if (opts.typed && error instanceof ContractError) throw error;
    const envelope = error instanceof ContractError ? error.envelope : undefined;
    return {
      state: envelope?.kind === 'timeout' ? 'timeout' : 'unreachable',
      detail: envelope?.message ?? (error as Error).message,
      ...(envelope?.hint ? { hint: envelope.hint } : {}),
    };
  }
}
