import { describe, expect, it } from 'vitest';
import {
  activateTerminal,
  addTerminal,
  removeTerminal,
  terminalName,
  type TerminalRegistry,
} from './terminal-registry.ts';

describe('terminal registry', () => {
  it('numbers terminals per container and activates the new one', () => {
    let registry: TerminalRegistry<string> = {};
    ({ registry } = addTerminal(registry, 'a', 's1'));
    const second = addTerminal(registry, 'a', 's2');
    registry = second.registry;
    ({ registry } = addTerminal(registry, 'b', 'other'));
    expect(second.number).toBe(2);
    expect(terminalName(second.number)).toBe('Terminal 2');
    expect(registry['a']).toEqual({
      entries: [
        { number: 1, session: 's1' },
        { number: 2, session: 's2' },
      ],
      active: 2,
    });
    expect(registry['b']?.entries.map((e) => e.number)).toEqual([1]);
  });

  it('keeps the other names when one closes, and never reuses a number still open', () => {
    let registry: TerminalRegistry<string> = {};
    for (const s of ['s1', 's2', 's3']) ({ registry } = addTerminal(registry, 'a', s));
    registry = removeTerminal(registry, 'a', 2);
    expect(registry['a']?.entries.map((e) => e.number)).toEqual([1, 3]);
    expect(registry['a']?.active).toBe(3);
    expect(addTerminal(registry, 'a', 's4').number).toBe(4);
    registry = activateTerminal(registry, 'a', 3);
    registry = removeTerminal(registry, 'a', 3);
    expect(registry['a']?.active).toBe(1);
  });

  it('forgets a container whose last terminal closed, and ignores unknown numbers', () => {
    let { registry } = addTerminal({} as TerminalRegistry<string>, 'a', 's1');
    expect(removeTerminal(registry, 'a', 9)).toBe(registry);
    expect(activateTerminal(registry, 'a', 9)).toBe(registry);
    registry = removeTerminal(registry, 'a', 1);
    expect(registry).toEqual({});
  });
});
