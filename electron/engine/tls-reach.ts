// Whether a TLS engine the user typed in answers, for the dialog adding one:
// `GET /_ping` with the client certificates in `certPath`, resolving with
// its API version or rejecting with a ContractError in plain words (not
// trusted, expired, refused, plain HTTP...), never a bare OpenSSL code.
// The TLS counterpart of reachSshEngine (ssh/ssh-sessions.ts).
import { ContractError } from '../contract/errors.ts';
import { connectable, getFromEndpoint, getFailureReason } from './endpoint-request.ts';
import { diagnoseTlsFailure } from './tls-diagnosis.ts';
import type { TlsFileNames } from './tls-errors.ts';

export async function reachTlsEngine(
  url: string,
  certPath: string,
  timeoutMs = 30_000,
  /** How the words name the files, when their folder is not where they will stay. */
  fileNames?: TlsFileNames,
): Promise<{ apiVersion?: string }> {
  const endpoint = { url, certPath };
  const target = connectable(endpoint);
  if (target.kind === 'unsupported')
    throw new ContractError({ kind: 'bad-request', message: target.reason });
  if (target.kind !== 'tls') {
    throw new ContractError({
      kind: 'bad-request',
      message: `${url} is not a tcp:// address; TLS client certificates apply to tcp:// engines only.`,
    });
  }
  const outcome = await getFromEndpoint(target, '/_ping', { timeoutMs, maxBodyBytes: 4096 });
  if (outcome.kind === 'response') {
    const version = outcome.headers['api-version'];
    if (outcome.status === 200) return typeof version === 'string' ? { apiVersion: version } : {};
    throw new ContractError({
      kind: 'engine',
      status: outcome.status,
      message: `${url} answered /_ping with HTTP ${outcome.status}: is it a Docker engine?`,
      engineMessage: outcome.body.trim().slice(0, 300),
    });
  }
  if (outcome.kind === 'deadline') {
    throw new ContractError({
      kind: 'timeout',
      message: `No answer from ${url} within ${timeoutMs} ms.`,
      hint: 'Check the address and that a firewall lets this machine reach its port.',
    });
  }
  const problem = await diagnoseTlsFailure(outcome.error, endpoint, target.tls, {
    timeoutMs,
    ...(fileNames ? { fileNames } : {}),
  });
  if (problem)
    throw new ContractError({ kind: 'unreachable', message: problem.detail, hint: problem.hint });
  throw new ContractError({
    kind: 'unreachable',
    message: `Couldn't reach ${url}: ${getFailureReason(outcome)}.`,
  });
}
