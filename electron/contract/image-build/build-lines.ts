// The `images.build` stream's lines (newline-delimited JSON), made by the
// service from the classic builder's output (build-output.ts), and folded here
// into what the dialog shows: one entry per Dockerfile step, marked when the
// builder took it from its cache, with its time and its output.

export type BuildLine =
  /** The context is going to the engine: what the tar holds. */
  | { kind: 'sending'; files: number; bytes: number }
  /** `Step N/M : INSTRUCTION` began. */
  | { kind: 'step'; step: number; total: number; instruction: string }
  /** A line the step printed (its RUN's output, or the builder's own notes). */
  | { kind: 'output'; text: string }
  /** The step ended: `cached` when ` ---> Using cache` said so; `ms` from its start to its end. */
  | { kind: 'step-end'; step: number; cached: boolean; ms: number; layer?: string }
  /** Built (and tagged): the image's full id. */
  | { kind: 'done'; imageId: string; tags: string[]; ms: number };

export interface BuildStep {
  step: number;
  total: number;
  instruction: string;
  cached: boolean;
  /** Set once the step ended. */
  ms?: number;
  output: string[];
}

export interface BuildView {
  sending?: { files: number; bytes: number };
  steps: BuildStep[];
  done?: { imageId: string; tags: string[]; ms: number };
}

/** Output lines kept per step: a chatty RUN keeps its last lines, which hold the error. */
export const STEP_OUTPUT_KEPT = 500;

export const emptyBuildView = (): BuildView => ({ steps: [] });

/** The lines of a chunk that are BuildLines; anything else is skipped. */
export function buildLinesOf(lines: string[]): BuildLine[] {
  const out: BuildLine[] = [];
  for (const text of lines) {
    if (text.trim() === '') continue;
    try {
      const line = JSON.parse(text) as BuildLine;
      if (line && typeof line === 'object' && typeof line.kind === 'string') out.push(line);
    } catch {
      // a stray line is not worth failing the view for
    }
  }
  return out;
}

/** The view after `line`; `view` is not changed (the dialog keeps states as values). */
export function applyBuildLine(view: BuildView, line: BuildLine): BuildView {
  switch (line.kind) {
    case 'sending':
      return { ...view, sending: { files: line.files, bytes: line.bytes } };
    case 'step':
      return {
        ...view,
        steps: [
          ...view.steps,
          {
            step: line.step,
            total: line.total,
            instruction: line.instruction,
            cached: false,
            output: [],
          },
        ],
      };
    case 'output': {
      const last = view.steps.at(-1);
      if (!last) return view;
      const output = [...last.output, line.text].slice(-STEP_OUTPUT_KEPT);
      return { ...view, steps: [...view.steps.slice(0, -1), { ...last, output }] };
    }
    case 'step-end':
      return {
        ...view,
        steps: view.steps.map((s) =>
          s.step === line.step ? { ...s, cached: line.cached, ms: line.ms } : s,
        ),
      };
    case 'done':
      return { ...view, done: { imageId: line.imageId, tags: line.tags, ms: line.ms } };
  }
}
