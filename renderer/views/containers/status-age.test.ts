import { describe, expect, it } from 'vitest';
import { ageStatus, humanDuration, parseHumanDuration } from './status-age.ts';

describe('humanDuration', () => {
  it("writes durations as Docker's go-units does", () => {
    expect(humanDuration(0.4)).toBe('Less than a second');
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(59)).toBe('59 seconds');
    expect(humanDuration(90)).toBe('About a minute');
    expect(humanDuration(45 * 60)).toBe('45 minutes');
    expect(humanDuration(3600)).toBe('About an hour');
    expect(humanDuration(5 * 3600)).toBe('5 hours');
    expect(humanDuration(3 * 86400)).toBe('3 days');
    expect(humanDuration(20 * 86400)).toBe('2 weeks');
    expect(humanDuration(90 * 86400)).toBe('3 months');
    expect(humanDuration(800 * 86400)).toBe('2 years');
  });

  it('reads back what it writes', () => {
    for (const s of [0, 1, 30, 60, 600, 3600, 7200, 86400 * 3]) {
      expect(parseHumanDuration(humanDuration(s))).toBe(s);
    }
    expect(parseHumanDuration('soon')).toBeNull();
  });
});

describe('ageStatus', () => {
  const t0 = 1_700_000_000_000;
  it('ages running, paused and health-annotated statuses', () => {
    expect(ageStatus('Up Less than a second', t0, t0 + 5 * 60_000)).toBe('Up 5 minutes');
    expect(ageStatus('Up 3 seconds (Paused)', t0, t0 + 10_000)).toBe('Up 13 seconds (Paused)');
    expect(ageStatus('Up 2 minutes (healthy)', t0, t0 + 60 * 60_000)).toBe(
      'Up About an hour (healthy)',
    );
  });

  it('ages exited and restarting statuses, keeping the exit code', () => {
    expect(ageStatus('Exited (137) Less than a second ago', t0, t0 + 120_000)).toBe(
      'Exited (137) 2 minutes ago',
    );
    expect(ageStatus('Restarting (1) 5 seconds ago', t0, t0 + 1000)).toBe(
      'Restarting (1) 6 seconds ago',
    );
  });

  it('leaves other statuses alone', () => {
    expect(ageStatus('Created', t0, t0 + 1e6)).toBe('Created');
    expect(ageStatus('Removal In Progress', t0, t0 + 1e6)).toBe('Removal In Progress');
  });
});
