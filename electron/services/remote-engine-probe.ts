// Whether an added engine answers: `/_ping` over its own transport under one
// deadline. For ssh:// the SSH session's typed refusals (unknown or changed
// host key, login refused) can be kept whole, so the "Add engine" dialog can
// ask about an unknown key instead of showing a sentence.
import type { EngineCandidate } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { parseEndpoint, type EngineEndpoint } from '../engine/endpoint.ts';
import { probeEndpoint } from '../engine/probe.ts';
import { reachSshEngine } from '../engine/ssh/ssh-sessions.ts';

export type RemoteProbe = Pick<EngineCandidate, 'state' | 'detail' | 'hint' | 'apiVersion'>;

export async function probeRemote(
  endpoint: EngineEndpoint,
  opts: {
    timeoutMs: number;
    /** Reject with an SSH refusal rather than describe it. */ typed: boolean;
  },
): Promise<RemoteProbe> {
  const parsed = parseEndpoint(endpoint.url, { tls: endpoint.certPath !== undefined });
  if (parsed.kind !== 'ssh') {
    return probeEndpoint(endpoint.url, {
      timeoutMs: opts.timeoutMs,
      ...(endpoint.certPath ? { tls: true, certPath: endpoint.certPath } : {}),
    });
  }
  try {
    const { apiVersion } = await reachSshEngine(parsed.address, endpoint.ssh, opts.timeoutMs);
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
