import { describe, expect, it } from 'vitest';
import { hintForEngineMessage } from './engine-hints.ts';

describe('hintForEngineMessage', () => {
  it('names a way forward for the common refusals, and nothing for others', () => {
    expect(
      hintForEngineMessage(
        'driver failed programming external connectivity: Bind for 127.0.0.1:80 failed: port is already allocated',
      ),
    ).toContain('uses that host port');
    expect(
      hintForEngineMessage(
        'invalid mount config for type "bind": bind source path does not exist: /x',
      ),
    ).toBe('Create the folder first, or pick one that exists.');
    expect(hintForEngineMessage('Container abc is not running')).toBe('Start it first.');
    expect(hintForEngineMessage('something else')).toBeUndefined();
    expect(hintForEngineMessage(undefined)).toBeUndefined();
  });
});
