// The Build image dialog's fields, read into the `images.build` options with
// the contract's own schemas (one rule, checked in the form and again at the
// boundary), and each field's problems for the form to show beside it.
import {
  buildArg,
  dockerfilePath,
  hostPath,
  stageName,
  type BuildOptions,
} from '../../../../electron/contract/image-build-channels.ts';
import { imageTagTarget } from '../../../../electron/contract/refs.ts';

export interface BuildForm {
  context: string;
  dockerfile: string;
  /** One a line, or separated by commas. */
  tags: string;
  /** KEY=value, one a line. */
  buildArgs: string;
  target: string;
  noCache: boolean;
  pull: boolean;
}

export type BuildField = 'context' | 'dockerfile' | 'tags' | 'buildArgs' | 'target';

export const emptyBuildForm = (): BuildForm => ({
  context: '',
  dockerfile: 'Dockerfile',
  tags: '',
  buildArgs: '',
  target: '',
  noCache: false,
  pull: false,
});

/** Tags as typed: split on newlines and commas (no tag holds either), blanks dropped. */
export const tagsOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Build args, one a line: a value keeps its spaces and commas; blank lines dropped. */
export const buildArgsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line) => line.trimStart());

function problems(
  schema: {
    safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } };
  },
  value: string,
  what: string,
): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${what}: ${i.message}`);
}

/** The options, or the problems of each field (empty when none). */
export function readBuildForm(form: BuildForm): {
  options: BuildOptions | null;
  errors: Partial<Record<BuildField, string[]>>;
} {
  const context = form.context.trim();
  const dockerfile = form.dockerfile.trim();
  const tags = tagsOf(form.tags);
  const buildArgs = buildArgsOf(form.buildArgs);
  const target = form.target.trim();
  const errors: Partial<Record<BuildField, string[]>> = {};
  const note = (field: BuildField, list: string[]) => {
    if (list.length) errors[field] = list;
  };
  note(
    'context',
    context === ''
      ? ['Give the folder that holds the Dockerfile']
      : problems(hostPath, context, context),
  );
  if (dockerfile) note('dockerfile', problems(dockerfilePath, dockerfile, dockerfile));
  note(
    'tags',
    tags.flatMap((t) => problems(imageTagTarget, t, t)),
  );
  note(
    'buildArgs',
    buildArgs.flatMap((a) => problems(buildArg, a, a.split('=')[0] ?? a)),
  );
  if (target) note('target', problems(stageName, target, target));
  if (Object.keys(errors).length) return { options: null, errors };
  return {
    options: {
      context,
      ...(dockerfile && dockerfile !== 'Dockerfile' ? { dockerfile } : {}),
      tags,
      buildArgs,
      ...(target ? { target } : {}),
      ...(form.noCache ? { noCache: true } : {}),
      ...(form.pull ? { pull: true } : {}),
    },
    errors,
  };
}
