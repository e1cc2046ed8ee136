import { describe, expect, it } from 'vitest';
import { volumeCommandLines } from './volume-commands.ts';

describe('volumeCommandLines', () => {
  it('makes a read-only helper, copies the volume root out as a tar and removes the helper', () => {
    expect(volumeCommandLines('data', 'busybox:latest', { kind: 'export' }, 'posix', {})).toBe(
      [
        'docker create --name berth-volume-helper --label berth.volume-helper=data --network none -v data:/v:ro,nocopy busybox:latest true',
        'docker cp berth-volume-helper:/v/. - > data.tar',
        'docker rm berth-volume-helper',
      ].join('\n'),
    );
  });

  it('mounts the volume writable for an import, reading the tar from stdin', () => {
    const lines = volumeCommandLines('data', 'bb', { kind: 'import' }, 'posix', {}).split('\n');
    expect(lines[0]).toContain('-v data:/v:rw,nocopy');
    expect(lines[1]).toBe('docker cp - berth-volume-helper:/v < data.tar');
  });

  it('quotes hostile paths and file names, and guards a local name with a colon', () => {
    const lines = volumeCommandLines(
      'data',
      'bb',
      { kind: 'upload', folder: "/it's $(id)", fileName: 'a:b.txt' },
      'posix',
      { host: 'unix:///tmp/x.sock' },
    ).split('\n');
    expect(lines[1]).toBe(
      `docker -H unix:///tmp/x.sock cp ./a:b.txt 'berth-volume-helper:/v/it'\\''s $(id)'`,
    );
  });

  it('pipes the tar in PowerShell, which has no <', () => {
    const lines = volumeCommandLines('data', 'bb', { kind: 'import' }, 'powershell', {});
    expect(lines.split('\n')[1]).toBe(
      "Get-Content -AsByteStream -ReadCount 0 -LiteralPath data.tar | docker cp '-' berth-volume-helper:/v",
    );
  });
});
