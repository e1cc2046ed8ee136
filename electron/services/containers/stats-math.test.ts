import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  blockIoBytes,
  cpuPercent,
  isStoppedSample,
  memoryLimit,
  memoryPercent,
  memoryUsed,
  networkBytes,
  pidsCurrent,
  type EngineStats,
} from './stats-math.ts';

// Recorded from a real dockerd 20.10 (see fixtures/stats/README.md).
const fixture = (name: string): EngineStats[] =>
  readFileSync(new URL(`./fixtures/stats/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EngineStats);

const [busyFirst, busy] = fixture('stats-v1-busy.jsonl') as [EngineStats, EngineStats];
const [, idle] = fixture('stats-v1-idle.jsonl') as [EngineStats, EngineStats];
const [written] = fixture('stats-v1-written.jsonl') as [EngineStats];
const [lastReal, stopped] = fixture('stats-v1-stopped.jsonl') as [EngineStats, EngineStats];
const v2 = JSON.parse(
  readFileSync(new URL('./fixtures/stats/stats-v2-handmade.json', import.meta.url), 'utf8'),
) as EngineStats;
const HOST_MEMORY = 25_274_793_984; // the recording machine's MemTotal, as `docker info` says

describe('cpuPercent', () => {
  it('is the CPU delta over the host delta, times online CPUs, like docker stats', () => {
    // (1316204754 - 314598097) / (19646910000000 - 19644920000000) × 2 × 100
    expect(cpuPercent(busy)).toBeCloseTo(100.664, 3);
    expect(cpuPercent(idle)).toBeLessThan(0.5);
  });

  it('is unknown on the first sample of a stream, which has no previous one', () => {
    expect(busyFirst.precpu_stats?.system_cpu_usage).toBeUndefined();
    expect(cpuPercent(busyFirst)).toBeNull();
  });

  it('counts the per-CPU list when the engine does not say how many CPUs are online', () => {
    const old = structuredClone(busy);
    delete old.cpu_stats!.online_cpus;
    expect(cpuPercent(old)).toBeCloseTo(100.664, 3);
    delete old.cpu_stats!.cpu_usage!.percpu_usage;
    expect(cpuPercent(old)).toBeNull();
  });

  it('reads the cgroup v2 shape, which has no per-CPU list', () => {
    // (2510000000 - 2010000000) / (4012000000000 - 4008000000000) × 4 × 100
    expect(cpuPercent(v2)).toBeCloseTo(50, 6);
  });

  it('shows 0 when the counters went backwards (restarted under the stream)', () => {
    const reset = structuredClone(busy);
    reset.cpu_stats!.cpu_usage!.total_usage = 1;
    expect(cpuPercent(reset)).toBe(0);
  });
});

describe('memoryUsed', () => {
  it('leaves out the inactive page cache on cgroup v1, as the CLI does', () => {
    // usage 32882688 - total_inactive_file 31457280 = 1425408 bytes = 1.359MiB
    const cli = JSON.parse(
      readFileSync(new URL('./fixtures/stats/stats-v1-written.cli.json', import.meta.url), 'utf8'),
    ) as { MemUsage: string };
    expect(memoryUsed(written)).toBe(1_425_408);
    expect(cli.MemUsage.startsWith(`${(memoryUsed(written) / 2 ** 20).toFixed(3)}MiB`)).toBe(true);
  });

  it('is the whole usage when there is no inactive cache', () => {
    expect(memoryUsed(busy)).toBe(548_864); // the CLI said 536KiB
  });

  it('uses inactive_file on cgroup v2', () => {
    expect(memoryUsed(v2)).toBe(6_291_456 - 3_145_728);
  });

  it('never goes below zero when the cache is larger than the usage', () => {
    const odd = structuredClone(v2);
    odd.memory_stats!.stats!.inactive_file = 10 ** 10;
    expect(memoryUsed(odd)).toBe(6_291_456);
  });
});

describe('memoryLimit', () => {
  it("is the container's own limit", () => {
    expect(memoryLimit(busy, HOST_MEMORY)).toBe(64 * 2 ** 20);
    expect(memoryLimit(v2, HOST_MEMORY)).toBe(128 * 2 ** 20);
  });

  it('is none when the engine reports the whole host', () => {
    expect(memoryLimit(idle, HOST_MEMORY)).toBeNull();
    expect(memoryLimit(idle)).toBe(HOST_MEMORY); // without the host's size, the figure as given
  });
});

describe('isStoppedSample', () => {
  it('recognises the empty samples the engine sends after a container stopped', () => {
    expect(isStoppedSample(lastReal)).toBe(false);
    expect(isStoppedSample(stopped)).toBe(true);
    expect(isStoppedSample(busyFirst)).toBe(false);
  });
});

describe('the other figures of docker stats', () => {
  const [io] = fixture('stats-v1-io.jsonl') as [EngineStats];
  const cli = JSON.parse(
    readFileSync(new URL('./fixtures/stats/stats-v1-io.cli.json', import.meta.url), 'utf8'),
  ) as { MemPerc: string; PIDs: string; NetIO: string; BlockIO: string };

  it("gives memory % against the engine's limit, cache excluded, as the CLI's MEM %", () => {
    // (2752512 - 1982464) / 67108864 × 100 = 1.147…, the CLI printed 1.15%
    expect(memoryPercent(io)!.toFixed(2)).toBe(cli.MemPerc.replace('%', ''));
    // No limit of its own: still a % of the host's memory, like the CLI (0.01% there).
    expect(memoryPercent(written)!.toFixed(2)).toBe('0.01');
    expect(memoryPercent({})).toBeNull();
  });

  it('counts the processes the engine reports', () => {
    expect(pidsCurrent(io)).toBe(Number(cli.PIDs));
    expect(pidsCurrent(written)).toBe(1);
    expect(pidsCurrent({})).toBeNull();
  });

  it('sums network bytes over every interface', () => {
    expect(networkBytes(written)).toEqual({ rx: 516, tx: 0 }); // the CLI said 516B / 0B
    expect(networkBytes(io)).toEqual({ rx: 956, tx: 0 });
    const two = structuredClone(io);
    two.networks!.eth1 = { rx_bytes: 44, tx_bytes: 1000 };
    expect(networkBytes(two)).toEqual({ rx: 1000, tx: 1000 });
    expect(networkBytes({})).toEqual({ rx: 0, tx: 0 });
  });

  it("sums block I/O by the op's first letter, so v1's Sync/Async/Total are not counted twice", () => {
    expect(blockIoBytes(io)).toEqual({ read: 0, write: 0 });
    expect(cli.BlockIO).toBe('0B / 0B');
    const disk = structuredClone(io);
    // cgroup v1's shape: per device, Read + Write = Sync + Async = Total.
    disk.blkio_stats = {
      io_service_bytes_recursive: [
        { op: 'Read', value: 4096 },
        { op: 'Write', value: 1_048_576 },
        { op: 'Sync', value: 1_048_576 },
        { op: 'Async', value: 4096 },
        { op: 'Total', value: 1_052_672 },
        { op: 'Read', value: 100 },
        { op: 'Write', value: 0 },
      ],
    };
    expect(blockIoBytes(disk)).toEqual({ read: 4196, write: 1_048_576 });
    // cgroup v2 spells them in lower case; no list at all (null) is nothing read.
    disk.blkio_stats = {
      io_service_bytes_recursive: [
        { op: 'read', value: 7 },
        { op: 'write', value: 9 },
      ],
    };
    expect(blockIoBytes(disk)).toEqual({ read: 7, write: 9 });
    disk.blkio_stats = { io_service_bytes_recursive: null };
    expect(blockIoBytes(disk)).toEqual({ read: 0, write: 0 });
  });
});
