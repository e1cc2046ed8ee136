import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { monitorFailure, parseQmpLine, QmpClient, QmpError, type QmpEvent } from './qmp.ts';

describe('QMP messages', () => {
  it('classifies the greeting, returns, errors and events', () => {
    expect(
      parseQmpLine(
        '{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian"}, "capabilities": ["oob"]}}',
      ),
    ).toEqual({ kind: 'greeting', version: '7.2.22' });
    expect(parseQmpLine('{"return": {}}')).toEqual({ kind: 'return', value: {} });
    expect(parseQmpLine('{"return": "", "id": 3}')).toEqual({ kind: 'return', id: 3, value: '' });
    expect(
      parseQmpLine(
        '{"error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}',
      ),
    ).toEqual({
      kind: 'error',
      class: 'CommandNotFound',
      desc: 'The command nope has not been found',
    });
    expect(
      parseQmpLine(
        '{"timestamp": {"seconds": 1764666000, "microseconds": 5}, "event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-shutdown"}}',
      ),
    ).toEqual({
      kind: 'event',
      event: {
        event: 'SHUTDOWN',
        data: { guest: true, reason: 'guest-shutdown' },
        timestamp: { seconds: 1764666000, microseconds: 5 },
      },
    });
    expect(() => parseQmpLine('not json')).toThrow();
  });

  it('reads a monitor command’s failure from its text (success prints nothing)', () => {
    expect(monitorFailure('')).toBeNull();
    expect(monitorFailure('\r\n')).toBeNull();
    expect(
      monitorFailure("Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:80'\r\n"),
    ).toMatch(/Could not set up host forwarding rule/);
    expect(monitorFailure('invalid host forwarding rule')).toBeTruthy();
  });
});

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** QEMU's side, as QEMU 7.2 speaks it: greeting, then one reply per command, events between. */
async function fakeQemu(answer: (command: { execute: string; arguments?: unknown }) => string[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qmp-'));
  dirs.push(dir);
  const socket = path.join(dir, 'qmp.sock');
  const seen: string[] = [];
  const server = net.createServer((conn) => {
    conn.write(
      '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}}\r\n',
    );
    let buffer = '';
    conn.on('data', (chunk) => {
      buffer += chunk.toString();
      let at;
      while ((at = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        const command = JSON.parse(line) as { execute: string };
        seen.push(command.execute);
        for (const reply of answer(command)) conn.write(`${reply}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { socket, seen, close: () => server.close() };
}

describe('QMP client', () => {
  it('negotiates capabilities first, then runs commands and hands out events in between', async () => {
    const qemu = await fakeQemu((c) => {
      if (c.execute === 'system_powerdown') {
        return [
          '{"timestamp": {"seconds": 1, "microseconds": 0}, "event": "POWERDOWN"}',
          '{"return": {}}',
        ];
      }
      if (c.execute === 'query-status')
        return ['{"return": {"status": "running", "running": true}}'];
      return ['{"return": {}}'];
    });
    const client = await QmpClient.connect({ socket: qemu.socket }, { timeoutMs: 5_000 });
    try {
      expect(client.version).toBe('7.2.0');
      const events: QmpEvent[] = [];
      client.onEvent((e) => events.push(e));
      expect(await client.execute('query-status')).toEqual({ status: 'running', running: true });
      await client.execute('system_powerdown');
      expect(events.map((e) => e.event)).toEqual(['POWERDOWN']);
      expect(qemu.seen).toEqual(['qmp_capabilities', 'query-status', 'system_powerdown']);
    } finally {
      client.close();
      qemu.close();
    }
  });

  it('keeps reading after a listener throws: the command waiting on the next line still resolves', async () => {
    const qemu = await fakeQemu((c) =>
      c.execute === 'system_powerdown'
        ? [
            '{"timestamp": {"seconds": 1, "microseconds": 0}, "event": "POWERDOWN"}',
            '{"return": {}}',
          ]
        : ['{"return": {}}'],
    );
    const client = await QmpClient.connect({ socket: qemu.socket }, { timeoutMs: 5_000 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const heard: string[] = [];
      client.onEvent(() => {
        throw new Error('broken listener');
      });
      client.onEvent((e) => heard.push(e.event));
      await client.execute('system_powerdown');
      expect(heard).toEqual(['POWERDOWN']);
      expect(warn).toHaveBeenCalledWith('[qmp] a listener failed:', 'broken listener');
    } finally {
      warn.mockRestore();
      client.close();
      qemu.close();
    }
  });

  it('sends human monitor commands and rejects with the monitor’s words when one fails', async () => {
    const qemu = await fakeQemu((c) => {
      if (c.execute !== 'human-monitor-command') return ['{"return": {}}'];
      const line = (c.arguments as { 'command-line': string })['command-line'];
      return line.includes(':8080-')
        ? [`{"return": "Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:80'\\r\\n"}`]
        : ['{"return": ""}'];
    });
    const client = await QmpClient.connect({ socket: qemu.socket }, { timeoutMs: 5_000 });
    try {
      expect(await client.monitor('hostfwd_add tcp:127.0.0.1:9090-:80')).toBe('');
      await expect(client.monitor('hostfwd_add tcp:127.0.0.1:8080-:80')).rejects.toThrow(
        /Could not set up host forwarding rule/,
      );
    } finally {
      client.close();
      qemu.close();
    }
  });

  it('rejects a failed command with QEMU’s error, and pending ones when QEMU goes away', async () => {
    const qemu = await fakeQemu((c) =>
      c.execute === 'nope'
        ? ['{"error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}']
        : c.execute === 'hang'
          ? []
          : ['{"return": {}}'],
    );
    const client = await QmpClient.connect({ socket: qemu.socket }, { timeoutMs: 5_000 });
    const closed = new Promise<void>((resolve) => client.onClose(resolve));
    await expect(client.execute('nope')).rejects.toThrow(QmpError);
    const hanging = client.execute('hang');
    client.close();
    await expect(hanging).rejects.toThrow(/closed the connection/);
    await closed;
    expect(client.closed).toBe(true);
    qemu.close();
  });

  it('gives up when nothing greets within the deadline', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qmp-'));
    dirs.push(dir);
    const socket = path.join(dir, 'silent.sock');
    const server = net.createServer(() => {});
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    await expect(QmpClient.connect({ socket }, { timeoutMs: 200 })).rejects.toThrow(
      /did not greet/,
    );
    server.close();
  });
});
