// The classic builder's output, read as the CLI prints it, into BuildLines.
// The engine sends JSON messages; `stream` holds text that may cut a line in
// two (a RUN's output arrives as it is written), so text is split into whole
// lines here. What the builder writes, step by step:
//   Step 2/3 : RUN echo hi
//    ---> Using cache            (taken from the cache: no container runs)
//    ---> Running in 5d4c…       (a container runs the step)
//   hi                           (its output)
//   Removing intermediate container 5d4c…
//    ---> 9f1e…                  (the step's result: the step ends here)
//   Successfully built 9f1e…
//   Successfully tagged web:1
// A failure is a message with `errorDetail` (after HTTP 200), which ends the build.
import type { BuildLine } from '../../../contract/image-build/build-lines.ts';

/** One JSON message of the engine's `/build` answer. */
export interface EngineBuildMessage {
  stream?: unknown;
  error?: unknown;
  errorDetail?: { message?: unknown; code?: unknown };
  aux?: { ID?: unknown };
}

export interface BuildFailure {
  /** The engine's words, verbatim. */
  engineMessage: string;
  /** The step that was running, when one had begun. */
  step?: { step: number; total: number; instruction: string };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const RESULT = /^ ---> ([0-9a-f]{12,64})$/;
const USING_CACHE = /^ ---> Using cache$/;
const BUILT = /^Successfully built ([0-9a-f]{12,64})$/;
const TAGGED = /^Successfully tagged (.+)$/;

export class BuildOutputParser {
  readonly #now: () => number;
  #partial = '';
  #current: { step: number; total: number; instruction: string; startedAt: number } | null = null;
  #cached = false;
  /** From `aux.ID` (the full id) or `Successfully built` (the short one). */
  imageId: string | undefined;
  readonly tagged: string[] = [];

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** The lines one message makes, and the failure when it reports one. */
  message(msg: EngineBuildMessage): { lines: BuildLine[]; failure?: BuildFailure } {
    const lines: BuildLine[] = [];
    if (typeof msg.aux?.ID === 'string') this.imageId = msg.aux.ID;
    if (typeof msg.stream === 'string') {
      const parts = (this.#partial + msg.stream).split('\n');
      this.#partial = parts.pop() ?? '';
      for (const text of parts) this.#line(text.replace(/\r$/, ''), lines);
    }
    const error = msg.errorDetail?.message ?? msg.error;
    if (typeof error === 'string') {
      this.#flush(lines);
      const step = this.#current;
      this.#current = null;
      return {
        lines,
        failure: {
          engineMessage: error,
          ...(step
            ? { step: { step: step.step, total: step.total, instruction: step.instruction } }
            : {}),
        },
      };
    }
    return { lines };
  }

  /** The stream ended: what a last unterminated line holds. */
  end(): BuildLine[] {
    const lines: BuildLine[] = [];
    this.#flush(lines);
    return lines;
  }

  #flush(lines: BuildLine[]) {
    if (this.#partial === '') return;
    const text = this.#partial;
    this.#partial = '';
    this.#line(text, lines);
  }

  #line(text: string, lines: BuildLine[]) {
    const step = STEP.exec(text);
    if (step) {
      this.#current = {
        step: Number(step[1]),
        total: Number(step[2]),
        instruction: step[3] ?? '',
        startedAt: this.#now(),
      };
      this.#cached = false;
      lines.push({
        kind: 'step',
        step: this.#current.step,
        total: this.#current.total,
        instruction: this.#current.instruction,
      });
      return;
    }
    if (USING_CACHE.test(text)) {
      this.#cached = true;
      return;
    }
    const result = RESULT.exec(text);
    if (result && this.#current) {
      lines.push({
        kind: 'step-end',
        step: this.#current.step,
        cached: this.#cached,
        ms: Math.round(this.#now() - this.#current.startedAt),
        layer: result[1] ?? '',
      });
      this.#current = null;
      return;
    }
    const built = BUILT.exec(text);
    if (built) {
      this.imageId ??= built[1];
      return;
    }
    const tagged = TAGGED.exec(text);
    if (tagged) {
      this.tagged.push(tagged[1] ?? '');
      return;
    }
    if (text === '' && !this.#current) return;
    lines.push({ kind: 'output', text });
  }
}
