import { describe, expect, it } from 'vitest';
import { cliMessage, leftoverHint } from './compose-failure.ts';

describe('a failed Compose run', () => {
  it("keeps the CLI's message, not its progress lines", () => {
    expect(
      cliMessage([
        'Creating network "x_default" with the default driver',
        'Creating x_db_1 ... done',
        'ERROR: for web  Cannot start service web: oci runtime error',
        'ERROR: Encountered errors while bringing up the project.',
      ]),
    ).toBe(
      'ERROR: for web  Cannot start service web: oci runtime error\nERROR: Encountered errors while bringing up the project.',
    );
    expect(cliMessage(['yaml: line 3: did not find expected key'])).toBe(
      'yaml: line 3: did not find expected key',
    );
  });

  it('says what was half-started, or that nothing was', () => {
    expect(leftoverHint('x', 'up', [])).toMatch(/^Nothing of x was started/);
    expect(leftoverHint('x', 'up', [{ name: 'x_db_1', state: 'running' }])).toMatch(
      /^Half-started: .*x_db_1 \(running\)/,
    );
    expect(leftoverHint('x', 'up', null)).toMatch(/could not ask/);
  });
});
