import { describe, expect, it } from 'vitest';
import { isValidBridgeName } from './bridge.ts';
import {
  engineEndpoint,
  engineLayout,
  managedBridgeName,
  maxSocketPathBytes,
} from './managed-layout.ts';

describe('engineLayout', () => {
  it('keeps everything under <dataDir>/engine when paths are short', () => {
    const layout = engineLayout('/home/ann/.config/Berth');
    expect(layout).toEqual({
      engineDir: '/home/ann/.config/Berth/engine',
      dataRoot: '/home/ann/.config/Berth/engine/data',
      execRoot: '/home/ann/.config/Berth/engine/exec',
      socketPath: '/home/ann/.config/Berth/engine/run/docker.sock',
      pidFile: '/home/ann/.config/Berth/engine/dockerd.pid',
      logFile: '/home/ann/.config/Berth/engine/dockerd.log',
      previousLogFile: '/home/ann/.config/Berth/engine/dockerd.previous.log',
      configFile: '/home/ann/.config/Berth/engine/daemon.json',
    });
  });

  it('moves the socket and exec-root to a short folder when the data folder is deep', () => {
    const deep = `/home/ann/${'very-long-folder-name/'.repeat(5)}Berth`;
    const layout = engineLayout(deep, '/run');
    expect(layout.shortDir).toMatch(/^\/run\/berth-[0-9a-f]{10}$/);
    expect(layout.socketPath).toBe(`${layout.shortDir}/docker.sock`);
    expect(layout.execRoot).toBe(`${layout.shortDir}/exec`);
    expect(Buffer.byteLength(layout.socketPath)).toBeLessThanOrEqual(maxSocketPathBytes);
    expect(layout.dataRoot.startsWith(deep)).toBe(true);
  });

  it('picks the same short folder every session, and a different one per data folder', () => {
    const deep = `/srv/${'x'.repeat(120)}`;
    expect(engineLayout(deep).socketPath).toBe(engineLayout(deep).socketPath);
    expect(engineLayout(`${deep}2`).socketPath).not.toBe(engineLayout(deep).socketPath);
  });
});

describe('engineEndpoint', () => {
  it('gives the URL and the DOCKER_HOST line a user types', () => {
    expect(engineEndpoint({ socketPath: '/x/engine/run/docker.sock' })).toEqual({
      endpoint: 'unix:///x/engine/run/docker.sock',
      dockerHost: 'DOCKER_HOST=unix:///x/engine/run/docker.sock',
    });
  });
});

describe('managedBridgeName', () => {
  it('names one valid interface per data folder, the same every session', () => {
    const name = managedBridgeName('/root/.local/share/berth');
    expect(name).toMatch(/^berth[0-9a-f]{6}$/);
    expect(isValidBridgeName(name)).toBe(true);
    expect(managedBridgeName('/root/.local/share/berth')).toBe(name);
    expect(managedBridgeName('/tmp/berth-test')).not.toBe(name);
  });
});
