// GET /info on the VM's engine: the last start check, since dockerd answers
// /_ping before its daemon is fully set up (and /info proves the TLS client
// certificate is accepted for real API calls, not just the ping).
import { sleep, type Clock } from '../clock.ts';
import { getFailureReason, getFromEndpoint, pingEndpoint } from '../endpoint-request.ts';
import type { EngineEndpoint } from '../endpoint.ts';

export type InfoResult = { ok: true; summary: string } | { ok: false; reason: string };

export async function getEngineInfo(
  endpoint: EngineEndpoint,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<InfoResult> {
  const answer = await getFromEndpoint(endpoint, '/info', opts);
  if (answer.kind !== 'response')
    return { ok: false, reason: `/info: ${getFailureReason(answer)}` };
  if (answer.status !== 200) {
    return { ok: false, reason: `/info: HTTP ${answer.status}: ${answer.body.slice(0, 200)}` };
  }
  try {
    const info = JSON.parse(answer.body) as {
      ServerVersion?: string;
      Driver?: string;
      KernelVersion?: string;
    };
    return {
      ok: true,
      summary: `dockerd ${info.ServerVersion ?? '?'}, ${info.Driver ?? '?'} storage, kernel ${info.KernelVersion ?? '?'}`,
    };
  } catch (error) {
    return { ok: false, reason: `/info: not JSON (${(error as Error).message})` };
  }
}

/**
 * Polls until the engine answers /_ping and then /info; resolves with a note
 * for the history. `onRefused` hears each failed try's reason (a TLS error, a
 * reset), for the step's timeout to quote.
 */
export async function waitForEngineReady(
  endpoint: () => EngineEndpoint,
  clock: Clock,
  signal: AbortSignal,
  onRefused?: (reason: string) => void,
): Promise<string> {
  const began = clock.now();
  let last = '';
  for (;;) {
    const ping = await pingEndpoint(endpoint(), { timeoutMs: 2_000, signal });
    if (ping.ok) {
      const info = await getEngineInfo(endpoint(), { timeoutMs: 5_000, signal });
      if (info.ok) {
        return `engine answered /_ping and /info over TLS after ${clock.now() - began} ms (${info.summary})`;
      }
      last = info.reason;
    } else last = ping.reason;
    onRefused?.(last);
    if (signal.aborted) throw signal.reason;
    await sleep(clock, 200, signal).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answer: ${last}`);
    });
  }
}
