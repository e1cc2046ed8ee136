import { describe, expect, it } from 'vitest';
import type { BuildLine } from '../../../contract/image-build/build-lines.ts';
import { BuildOutputParser, type EngineBuildMessage } from './build-output.ts';

/** Feeds messages with the clock at the given times (ms); returns every line and the failure. */
function feed(messages: [number, EngineBuildMessage][]) {
  let clock = 0;
  const parser = new BuildOutputParser(() => clock);
  const lines: BuildLine[] = [];
  let failure;
  for (const [at, msg] of messages) {
    clock = at;
    const out = parser.message(msg);
    lines.push(...out.lines);
    failure ??= out.failure;
  }
  lines.push(...parser.end());
  return { lines, failure, parser };
}

describe('build output parser', () => {
  it('reads steps, their output, their cache marks and times, the id and the tags', () => {
    const { lines, parser } = feed([
      [0, { stream: 'Step 1/3 : FROM busybox\n' }],
      [5, { stream: ' ---> 0123456789ab\n' }],
      [5, { stream: 'Step 2/3 : RUN echo one\n' }],
      [7, { stream: ' ---> Using cache\n' }],
      [8, { stream: ' ---> abcdefabcdef\n' }],
      [10, { stream: 'Step 3/3 : RUN echo two\n' }],
      [11, { stream: ' ---> Running in 5d4c3b2a1f00\n' }],
      [20, { stream: 'two\n' }],
      [30, { stream: 'Removing intermediate container 5d4c3b2a1f00\n' }],
      [35, { stream: ' ---> fedcbafedcba\n' }],
      [35, { aux: { ID: `sha256:${'f'.repeat(64)}` } }],
      [36, { stream: 'Successfully built fedcbafedcba\n' }],
      [36, { stream: 'Successfully tagged web:1\n' }],
      [36, { stream: 'Successfully tagged web:latest\n' }],
    ]);
    expect(lines).toEqual([
      { kind: 'step', step: 1, total: 3, instruction: 'FROM busybox' },
      { kind: 'step-end', step: 1, cached: false, ms: 5, layer: '0123456789ab' },
      { kind: 'step', step: 2, total: 3, instruction: 'RUN echo one' },
      { kind: 'step-end', step: 2, cached: true, ms: 3, layer: 'abcdefabcdef' },
      { kind: 'step', step: 3, total: 3, instruction: 'RUN echo two' },
      { kind: 'output', text: ' ---> Running in 5d4c3b2a1f00' },
      { kind: 'output', text: 'two' },
      { kind: 'output', text: 'Removing intermediate container 5d4c3b2a1f00' },
      { kind: 'step-end', step: 3, cached: false, ms: 25, layer: 'fedcbafedcba' },
    ]);
    expect(parser.imageId).toBe(`sha256:${'f'.repeat(64)}`);
    expect(parser.tagged).toEqual(['web:1', 'web:latest']);
  });

  it('joins a line the engine cut in two, and drops carriage returns', () => {
    const { lines } = feed([
      [0, { stream: 'Step 1/1 : RUN ech' }],
      [1, { stream: 'o hi\r\nhal' }],
      [2, { stream: 'f line' }],
    ]);
    expect(lines).toEqual([
      { kind: 'step', step: 1, total: 1, instruction: 'RUN echo hi' },
      { kind: 'output', text: 'half line' },
    ]);
  });

  it("names the failing step and keeps the engine's words", () => {
    const message = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
    const { failure, lines } = feed([
      [0, { stream: 'Step 1/2 : FROM busybox\n' }],
      [1, { stream: ' ---> 0123456789ab\n' }],
      [1, { stream: 'Step 2/2 : RUN exit 3\n' }],
      [2, { stream: ' ---> Running in 5d4c3b2a1f00\n' }],
      [3, { error: message, errorDetail: { code: 3, message } }],
    ]);
    expect(failure).toEqual({
      engineMessage: message,
      step: { step: 2, total: 2, instruction: 'RUN exit 3' },
    });
    expect(lines.at(-1)).toEqual({ kind: 'output', text: ' ---> Running in 5d4c3b2a1f00' });
  });

  it('reports an error before any step (a Dockerfile that does not parse) without a step', () => {
    const message = 'Dockerfile parse error line 2: unknown instruction: FOO';
    const { failure } = feed([[0, { errorDetail: { message } }]]);
    expect(failure).toEqual({ engineMessage: message });
  });

  it('keeps the short id from "Successfully built" when no aux id came', () => {
    const { parser } = feed([[0, { stream: 'Successfully built 0123456789ab\n' }]]);
    expect(parser.imageId).toBe('0123456789ab');
  });
});
