// How an engine's link is said in the switcher and on the Engine page: its
// connection first (a live link with its round trip, or down while Berth
// reconnects), else what the last probe found.
import type { EngineCandidate } from '../../../electron/contract/engine-types.ts';

export function linkWord(c: EngineCandidate): string {
  if (c.connected && c.eventsConnected === false) return 'disconnected';
  if (c.connected) return c.latencyMs !== undefined ? `connected, ${c.latencyMs} ms` : 'connected';
  return c.state;
}
