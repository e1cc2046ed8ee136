import { describe, expect, it } from 'vitest';
import { actionsFor } from './container-actions.ts';

describe('actionsFor', () => {
  it('offers what the engine accepts in each state', () => {
    expect(actionsFor('running')).toEqual(['stop', 'restart', 'pause', 'kill', 'remove']);
    expect(actionsFor('paused')).toContain('resume');
    expect(actionsFor('paused')).not.toContain('pause');
    expect(actionsFor('exited')).toEqual(['start', 'remove']);
    expect(actionsFor('created')).toEqual(['start', 'remove']);
    expect(actionsFor('removing')).toEqual([]);
  });
});
