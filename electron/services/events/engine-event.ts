// One shape for engine events, whatever engine sent them. Docker before API
// 1.22 sent only { status, id, from, time }; newer Docker sends Type, Action and
// Actor; Podman's compat API sends the new shape with its own extras. Actions
// may carry a detail after a colon ("exec_start: sh", "health_status: healthy").

export interface EngineEvent {
  type: string;
  action: string;
  /** What followed the colon in the action, if anything. */
  actionDetail?: string;
  actorId: string;
  attributes: Record<string, string>;
  /** Seconds and nanoseconds as exact decimal strings (timeNano overflows a double). */
  timeSec: string;
  timeNanos: string;
  scope?: string;
}

/**
 * Normalises one line of `/events`. Returns null for something that is not an
 * event at all. The raw text is needed because JSON.parse rounds timeNano.
 */
export function normalizeEvent(rawLine: string): EngineEvent | null {
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(rawLine);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    raw = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const actor = (raw.Actor ?? raw.actor) as { ID?: unknown; Attributes?: unknown } | undefined;
  const fullAction = str(raw.Action ?? raw.action) ?? str(raw.status);
  if (!fullAction) return null;
  const colon = fullAction.indexOf(':');
  const action = (colon >= 0 ? fullAction.slice(0, colon) : fullAction).trim();
  const actionDetail = colon >= 0 ? fullAction.slice(colon + 1).trim() : undefined;

  const attributes = stringRecord(actor?.Attributes);
  // Old engines put the image in `from` and nothing in Actor.
  const from = str(raw.from);
  if (from && attributes.image === undefined) attributes.image = from;

  const type = (str(raw.Type ?? raw.type) ?? 'container').toLowerCase();
  const actorId = str(actor?.ID) ?? str(raw.id) ?? '';
  const { sec, nanos } = timeOf(rawLine, raw);
  return {
    type,
    action,
    ...(actionDetail ? { actionDetail } : {}),
    actorId,
    attributes,
    timeSec: sec,
    timeNanos: nanos,
    ...(str(raw.scope) ? { scope: str(raw.scope) } : {}),
  };
}

/** The `since` value the API takes: seconds.nanoseconds, not raw nanoseconds. */
export function sinceOf(event: EngineEvent): string {
  return `${event.timeSec}.${event.timeNanos.padStart(9, '0')}`;
}

/** Two deliveries of one event share this key (used to drop replays after a reconnect). */
export function eventKey(event: EngineEvent): string {
  const detail = event.actionDetail ? `:${event.actionDetail}` : '';
  return `${event.timeSec}.${event.timeNanos}|${event.type}|${event.action}${detail}|${event.actorId}`;
}

function timeOf(rawLine: string, raw: Record<string, unknown>): { sec: string; nanos: string } {
  const nano = /"timeNano"\s*:\s*(\d+)/.exec(rawLine)?.[1];
  if (nano && nano.length > 9) {
    return { sec: nano.slice(0, -9), nanos: String(Number(nano.slice(-9))) };
  }
  const time = raw.time;
  if (typeof time === 'number' && Number.isFinite(time))
    return { sec: String(Math.floor(time)), nanos: '0' };
  // Podman's libpod format sends an RFC 3339 string; keep what a Date can hold.
  if (typeof time === 'string') {
    const ms = Date.parse(time);
    if (!Number.isNaN(ms))
      return { sec: String(Math.floor(ms / 1000)), nanos: String((ms % 1000) * 1e6) };
  }
  return { sec: '0', nanos: '0' };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, value] of Object.entries(v)) {
    if (typeof value === 'string') out[k] = value;
    else if (value !== null && value !== undefined) out[k] = String(value);
  }
  return out;
}
