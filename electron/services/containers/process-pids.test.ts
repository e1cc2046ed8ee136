import { describe, expect, it } from 'vitest';
import { containerPidFor, parsePsPidArgs, topPidCommands } from './process-pids.ts';

// Recorded on dockerd 20.10 (see fixtures/stats/README.md): `sh -c 'sleep 100000 & sleep 200000'`.
const top = {
  titles: ['PID', 'USER', '%CPU', '%MEM', 'COMMAND'],
  processes: [
    ['4978', 'root', '0.1', '0.0', 'sleep 200000'],
    ['5018', 'root', '0.0', '0.0', 'sleep 100000'],
  ],
  psArgs: '-o pid,user,%cpu,%mem,args',
};
const topDefault = {
  titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
  processes: [
    ['root', '4978', '4957', '0', '19:14', '?', '00:00:00', 'sleep 200000'],
    ['root', '5018', '4978', '0', '19:14', '?', '00:00:00', 'sleep 100000'],
  ],
  psArgs: null,
};
const busyboxPs = 'PID   COMMAND\n    1 sleep 200000\n   12 sleep 100000\n   13 ps -o pid,args\n';

describe('containerPidFor', () => {
  it("finds the container's PID by command line, whichever ps columns top used", () => {
    const inside = parsePsPidArgs(busyboxPs);
    expect(inside).toEqual([
      { pid: 1, command: 'sleep 200000' },
      { pid: 12, command: 'sleep 100000' },
      { pid: 13, command: 'ps -o pid,args' },
    ]);
    expect(containerPidFor(5018, topPidCommands(top), inside)).toBe(12);
    expect(containerPidFor(4978, topPidCommands(topDefault), inside)).toBe(1);
  });

  it('tells twins with the same command apart by the order of their PIDs', () => {
    const host = [
      { pid: 9001, command: 'sleep 5' },
      { pid: 900, command: 'sh' },
      { pid: 8000, command: 'sleep 5' },
    ];
    const inside = [
      { pid: 30, command: 'sleep 5' },
      { pid: 1, command: 'sh' },
      { pid: 7, command: 'sleep 5' },
    ];
    expect(containerPidFor(8000, host, inside)).toBe(7);
    expect(containerPidFor(9001, host, inside)).toBe(30);
  });

  it('refuses to guess when a twin came or went in between', () => {
    const host = [
      { pid: 10, command: 'sleep 5' },
      { pid: 11, command: 'sleep 5' },
    ];
    expect(containerPidFor(11, host, [{ pid: 3, command: 'sleep 5' }])).toMatch(/changed/);
    expect(containerPidFor(12, host, [])).toMatch(/no process with PID 12/);
  });

  it('matches a command line one ps cut short, but never a short prefix', () => {
    const long = `java -jar ${'x'.repeat(100)}.jar`;
    const host = [{ pid: 50, command: long.slice(0, 80) }];
    expect(containerPidFor(50, host, [{ pid: 4, command: long }])).toBe(4);
    const sleeps = [{ pid: 50, command: 'sleep 1' }];
    expect(containerPidFor(50, sleeps, [{ pid: 4, command: 'sleep 10' }])).toMatch(/changed/);
  });
});
