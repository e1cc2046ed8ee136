import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseFlags, validateEngineFlag } from './app-options.ts';

describe('parseFlags', () => {
  it('reads both flag forms', () => {
    expect(parseFlags(['--host', '0.0.0.0', '--port=8080'], ['host', 'port'])).toEqual({
      host: '0.0.0.0',
      port: '8080',
    });
  });
  it('refuses unknown flags and missing values', () => {
    expect(() => parseFlags(['--hots', 'x'], ['host'])).toThrow(/Unknown argument "--hots"/);
    expect(() => parseFlags(['--host'], ['host'])).toThrow(/needs a value/);
  });
});

describe('validateEngineFlag', () => {
  it('accepts auto, managed and endpoint URLs only', () => {
    expect(validateEngineFlag('managed')).toBe('managed');
    expect(validateEngineFlag('unix:///var/run/docker.sock')).toBe('unix:///var/run/docker.sock');
    expect(() => validateEngineFlag('docker.sock')).toThrow(/--engine takes/);
  });
});

describe('defaultDataDir', () => {
  it('prefers BERTH_DATA_DIR, then the OS convention', () => {
    expect(defaultDataDir({ BERTH_DATA_DIR: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/berth');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(
      '/Users/u/Library/Application Support/Berth',
    );
  });
});
