// `docker search` through the engine (`/images/search`), which asks Docker
// Hub itself. Offline, the engine may wait on DNS or a connect for long: Berth
// gives up after a few seconds and says Hub cannot be reached, keeping the
// engine's words when it answered.
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { HubSearchResult } from '../../contract/registries-channels.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

export const SEARCH_TIMEOUT_MS = 5_000;

const OFFLINE = 'Docker Hub cannot be reached (offline?)';

export async function searchHub(
  docker: Docker,
  term: string,
  timeoutMs = SEARCH_TIMEOUT_MS,
): Promise<HubSearchResult[]> {
  const signal = AbortSignal.timeout(timeoutMs);
  let found: unknown;
  try {
    found = await docker.searchImages({ term, limit: 25, abortSignal: signal });
  } catch (error) {
    if (signal.aborted) {
      throw new ContractError({
        kind: 'timeout',
        message: `${OFFLINE}: the engine did not answer within ${timeoutMs / 1000} s.`,
        hint: "Check this machine's network connection; local images and private registries still work.",
      });
    }
    const envelope = toErrorEnvelope(error, 'Searching Docker Hub');
    throw new ContractError({
      ...envelope,
      message: `${OFFLINE}: ${(envelope.engineMessage ?? envelope.message).replace(/[.\s]*$/, '')}.`,
      hint: "Check this machine's network connection; local images and private registries still work.",
    });
  }
  return (Array.isArray(found) ? found : []).map((r: Record<string, unknown>) => ({
    name: String(r.name ?? ''),
    description: String(r.description ?? ''),
    stars: Number(r.star_count ?? 0),
    official: r.is_official === true,
  }));
}
