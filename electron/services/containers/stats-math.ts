// The engine's stats JSON (`GET /containers/{id}/stats`) turned into the two
// figures `docker stats` shows, with the CLI's own arithmetic (docker/cli,
// cli/command/container/stats_helpers.go) so the app and the CLI agree:
//
// - CPU % = (container CPU delta / host CPU delta) × online CPUs × 100, between
//   this sample and the previous one the engine attached (`precpu_stats`).
// - Memory = usage minus the inactive page cache: `total_inactive_file` on
//   cgroup v1, `inactive_file` on cgroup v2 (v2 has no `total_*` keys). Older
//   CLIs subtracted `cache`, which also hid active page cache the kernel
//   cannot drop cheaply; today's CLI does not.
// - Memory % = that figure over the engine's `limit` (the host's memory when the
//   container has none), as the CLI's MEM % does.
// - Network = rx/tx bytes summed over every interface; Block I/O = the
//   `io_service_bytes_recursive` entries whose op starts with r (read) or w
//   (write), summed over devices; PIDs = `pids_stats.current` (Linux).

interface EngineCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The part of one engine stats sample that these figures need. */
export interface EngineStats {
  /** `0001-01-01T00:00:00Z` once the container is no longer running. */
  read?: string;
  cpu_stats?: EngineCpuStats;
  precpu_stats?: EngineCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

/** Go's zero time: the engine sends empty samples with it after a container stops. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** True for the empty samples the engine keeps sending for a stopped container. */
export function isStoppedSample(s: EngineStats): boolean {
  return !s.read || s.read === ZERO_TIME;
}

/**
 * CPU % as `docker stats` shows it, or null when it cannot be known yet: the
 * first sample of a stream has no previous one, and a delta against zero
 * would be the container's whole lifetime, not the last second.
 */
export function cpuPercent(s: EngineStats): number | null {
  const now = s.cpu_stats;
  const before = s.precpu_stats;
  if (!now || !before?.system_cpu_usage) return null;
  const cpuDelta = (now.cpu_usage?.total_usage ?? 0) - (before.cpu_usage?.total_usage ?? 0);
  const systemDelta = (now.system_cpu_usage ?? 0) - before.system_cpu_usage;
  // Engines before API 1.27 have no online_cpus; cgroup v1 then lists one entry per CPU.
  const cpus = now.online_cpus || now.cpu_usage?.percpu_usage?.length || 0;
  if (cpus === 0) return null;
  // A counter reset (container restarted under the stream) gives negative deltas: the CLI shows 0.
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * cpus * 100;
}

/** Bytes in use without the reclaimable (inactive) page cache. */
export function memoryUsed(s: EngineStats): number {
  const usage = s.memory_stats?.usage ?? 0;
  const stats = s.memory_stats?.stats ?? {};
  const inactive = 'total_inactive_file' in stats ? stats.total_inactive_file : stats.inactive_file;
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

/**
 * The container's own limit, or null when it has none: the engine then
 * reports the host's memory (or less, under a parent cgroup's limit).
 */
export function memoryLimit(s: EngineStats, hostMemoryBytes?: number): number | null {
  const limit = s.memory_stats?.limit;
  if (!limit) return null;
  return hostMemoryBytes !== undefined && limit >= hostMemoryBytes ? null : limit;
}

/** MEM % as the CLI shows it: against the engine's limit even when that is the host's memory. */
export function memoryPercent(s: EngineStats): number | null {
  const limit = s.memory_stats?.limit;
  return limit ? (memoryUsed(s) / limit) * 100 : null;
}

/** Bytes received and sent since the container started, over all its interfaces. */
export function networkBytes(s: EngineStats): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/**
 * Bytes read from and written to block devices. cgroup v1 spells the ops
 * `Read`/`Write` (plus `Sync`, `Async`, `Total`, which would count twice);
 * v2 `read`/`write`: the CLI looks at the first letter only, and so do we.
 */
export function blockIoBytes(s: EngineStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const first = entry.op?.[0]?.toLowerCase();
    if (first === 'r') read += entry.value ?? 0;
    else if (first === 'w') write += entry.value ?? 0;
  }
  return { read, write };
}

/** Processes and threads in the container; null when the engine does not say. */
export function pidsCurrent(s: EngineStats): number | null {
  return s.pids_stats?.current ?? null;
}
