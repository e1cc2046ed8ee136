// The figures of the CPU and Memory cells, in the CLI's units (binary, like
// `docker stats`: 536KiB / 64MiB), so a user comparing the two reads the same.

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // Three significant figures at most: "4.1 MiB", "64 MiB", "536 KiB".
  const shown = value >= 100 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

export function formatCpu(percent: number): string {
  return `${percent.toFixed(1)} %`;
}

/** "4.1 MiB / 64 MiB", or "4.1 MiB" when the container has no limit of its own. */
export function formatMemory(used: number, limit: number | null): string {
  return limit === null ? formatBytes(used) : `${formatBytes(used)} / ${formatBytes(limit)}`;
}
