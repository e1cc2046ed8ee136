// The engine's status text ("Up 3 minutes", "Exited (137) 2 hours ago") is
// true when it was read. Rather than poll the engine to keep it fresh, the
// list ages it here: it reads the duration back, adds the time since the
// text was read, and writes it again with Docker's own rules (go-units
// HumanDuration), so it reads exactly as `docker ps` would.

const units: [RegExp, number][] = [
  [/^(\d+) seconds?$/, 1],
  [/^(\d+) minutes$/, 60],
  [/^(\d+) hours$/, 3600],
  [/^(\d+) days$/, 86400],
  [/^(\d+) weeks$/, 7 * 86400],
  [/^(\d+) months$/, 30 * 86400],
  [/^(\d+) years$/, 365 * 86400],
];

/** Seconds in one of Docker's human durations, or null if it is not one. */
export function parseHumanDuration(text: string): number | null {
  if (text === 'Less than a second') return 0;
  if (text === 'About a minute') return 60;
  if (text === 'About an hour') return 3600;
  for (const [pattern, seconds] of units) {
    const match = pattern.exec(text);
    if (match) return Number(match[1]) * seconds;
  }
  return null;
}

/** Docker's HumanDuration. */
export function humanDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** The status as it reads `now`, given that it read `status` at `statusAt` (both ms). */
export function ageStatus(status: string, statusAt: number, now: number): string {
  const elapsed = Math.max(0, (now - statusAt) / 1000);
  const up = /^Up (.+?)( \(.+\))?$/.exec(status);
  if (up) {
    const base = parseHumanDuration(up[1]!);
    return base === null ? status : `Up ${humanDuration(base + elapsed)}${up[2] ?? ''}`;
  }
  const ended = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(status);
  if (ended) {
    const base = parseHumanDuration(ended[3]!);
    return base === null
      ? status
      : `${ended[1]} (${ended[2]}) ${humanDuration(base + elapsed)} ago`;
  }
  return status;
}
