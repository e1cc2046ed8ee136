import { describe, expect, it } from 'vitest';
import { processRows } from './process-rows.ts';

describe('processRows', () => {
  it("reads Berth's own ps columns", () => {
    const rows = processRows({
      titles: ['PID', 'USER', '%CPU', '%MEM', 'COMMAND'],
      processes: [['4978', 'root', '0.1', '0.0', 'sleep 200000']],
      psArgs: '-o pid,user,%cpu,%mem,args',
    });
    expect(rows).toEqual([
      { pid: 4978, user: 'root', cpu: '0.1', memory: '0.0', command: 'sleep 200000' },
    ]);
  });

  it("reads the engine's default columns when the host's ps refused Berth's", () => {
    const rows = processRows({
      titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      processes: [['root', '5018', '4978', '0', '19:14', '?', '00:00:00', 'sleep 100000']],
      psArgs: null,
    });
    expect(rows).toEqual([
      { pid: 5018, user: 'root', cpu: '0', memory: null, command: 'sleep 100000' },
    ]);
  });

  it('has no rows without a PID column', () => {
    expect(processRows({ titles: ['CMD'], processes: [['x']], psArgs: null })).toEqual([]);
  });
});
