// GET /info on the VM's engine: the last start check, since dockerd answers
// /_ping before its daemon is fully set up (and /info proves the TLS client
// certificate is accepted for real API calls, not just the ping).
import { sleep, type Clock } from '../clock.ts';
import { connectable, pingEndpoint, requestTo } from '../endpoint-request.ts';
import type { EngineEndpoint } from '../endpoint.ts';

export type InfoResult = { ok: true; summary: string } | { ok: false; reason: string };

export function getEngineInfo(
  endpoint: EngineEndpoint,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<InfoResult> {
  const target = connectable(endpoint);
  if (target.kind === 'unsupported') return Promise.resolve({ ok: false, reason: target.reason });
  return new Promise((resolve) => {
    const request = requestTo(target, {
      path: '/info',
      method: 'GET',
      signal: opts.signal,
      timeout: opts.timeoutMs,
      agent: false,
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) {
          resolve({
            ok: false,
            reason: `/info: HTTP ${response.statusCode}: ${body.slice(0, 200)}`,
          });
          return;
        }
        try {
          const info = JSON.parse(body) as {
            ServerVersion?: string;
            Driver?: string;
            KernelVersion?: string;
          };
          resolve({
            ok: true,
            summary: `dockerd ${info.ServerVersion ?? '?'}, ${info.Driver ?? '?'} storage, kernel ${info.KernelVersion ?? '?'}`,
          });
        } catch (error) {
          resolve({ ok: false, reason: `/info: not JSON (${(error as Error).message})` });
        }
      });
      response.on('error', (error) => resolve({ ok: false, reason: error.message }));
    });
    request.on('timeout', () =>
      request.destroy(new Error(`/info: no answer within ${opts.timeoutMs} ms`)),
    );
    request.on('error', (error) => resolve({ ok: false, reason: error.message }));
    request.end();
  });
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
