// What the New container dialog makes: everything `docker run` takes that a
// beginner meets in tutorials, as plain data. The dialog edits it, the Node side
// creates the container from it, and run-command.ts writes the same as a
// `docker run` line.
import { z } from 'zod';
import { cliProblems } from './cli-syntax.ts';
import { imageReferenceProblem } from '../image-reference.ts';

/** The engine's rule for container names, and the same in words. */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** `--volumes-from`'s argument: a container's name or id, then `:ro` or `:rw` if given. */
export const VOLUMES_FROM = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*(:(ro|rw))?$/;
export const CONTAINER_NAME_RULE =
  'A name starts with a letter or digit and has only letters, digits, _ . and - (2 characters at least)';

const portSpec = z.object({
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  hostPort: z.number().int().min(1).max(65535).optional(),
  hostIp: z.string().max(64).optional(),
});

const path = z.string().min(1).max(4096);

const volumeSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('volume'),
    source: z.string().min(1).max(255),
    target: path,
    readOnly: z.boolean(),
  }),
  z.object({ type: z.literal('bind'), source: path, target: path, readOnly: z.boolean() }),
  z.object({ type: z.literal('anonymous'), target: path, readOnly: z.boolean() }),
]);

const restartSpec = z.object({
  name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
  maxRetries: z.number().int().min(0).max(1000).optional(),
});

/**
 * How many entries a list in a spec may have: far beyond what anyone types, low
 * enough that a hostile frame is refused after one look at its length. (Zod
 * checks an array's length before its items; a record needs `boundedRecord`.)
 */
export const MAX_ENTRIES = 1000;

/** A record whose size is checked before its entries, so a huge one costs one count. */
function boundedRecord<V extends z.ZodType>(key: z.ZodType<string>, value: V, max: number) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (typeof input !== 'object' || input === null) return;
      let count = 0;
      for (const k in input) {
        if (Object.hasOwn(input, k) && ++count > max) {
          ctx.addIssue({ code: 'too_big', origin: 'object', maximum: max, inclusive: true, input });
          return;
        }
      }
    })
    .pipe(z.record(key, value));
}

const imageReference = z
  .string()
  .max(512)
  .superRefine((ref, ctx) => {
    const problem = imageReferenceProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const runSpecFields = z.object({
  image: imageReference,
  /** Empty: the engine picks one. */
  name: z
    .string()
    .max(255)
    .refine((name) => name === '' || CONTAINER_NAME.test(name), CONTAINER_NAME_RULE)
    .optional(),
  /** Argument vectors, not shell strings: what the CLI would pass after the image. */
  command: z.array(z.string().max(100_000)).max(MAX_ENTRIES).optional(),
  /** One executable, as `--entrypoint` takes it; its arguments go in `command`. */
  entrypoint: z.string().min(1).max(4096).optional(),
  ports: z.array(portSpec).max(MAX_ENTRIES),
  publishAll: z.boolean(),
  env: z.array(z.string().max(100_000)).max(MAX_ENTRIES),
  volumes: z.array(volumeSpec).max(200),
  network: z.string().max(255).optional(),
  /** Legacy links, `container:alias` (`--link`): for old tutorials; networks replace them. */
  links: z
    .array(
      z
        .string()
        .max(512)
        .regex(
          /^[a-zA-Z0-9][a-zA-Z0-9_.-]+:[a-zA-Z0-9][a-zA-Z0-9_.-]+$/,
          'Expected CONTAINER:ALIAS',
        ),
    )
    .max(100)
    .optional(),
  /** Containers whose volumes it mounts too, `container[:ro|:rw]` (`--volumes-from`): data containers, backups. */
  volumesFrom: z
    .array(
      z.string().max(512).regex(VOLUMES_FROM, 'Expected CONTAINER, CONTAINER:ro or CONTAINER:rw'),
    )
    .max(100)
    .optional(),
  restart: restartSpec,
  memoryBytes: z
    .number()
    .int()
    .min(6 * 1024 * 1024, 'The engine needs at least 6m')
    .optional(),
  cpuShares: z.number().int().min(2).max(262_144).optional(),
  cpuset: z
    .string()
    .max(1024)
    .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'CPU numbers like 0-1 or 0,2')
    .optional(),
  user: z.string().max(255).optional(),
  workdir: z.string().max(4096).regex(/^\//, 'A path starting with /').optional(),
  labels: boundedRecord(
    z.string().max(1024).regex(/^\S+$/, 'A label name is not empty and has no spaces'),
    z.string().max(100_000),
    MAX_ENTRIES,
  ),
  interactive: z.boolean(),
  tty: z.boolean(),
  autoRemove: z.boolean(),
  privileged: z.boolean(),
  /** Start it after creating (the dialog's "Create and start"). */
  start: z.boolean(),
});

/** The fields the cross-field checks read: they run whenever these parsed, whatever else failed. */
const restartFields = runSpecFields.pick({ restart: true, autoRemove: true });
const restartFieldsParsed = (payload: { value: unknown }) =>
  restartFields.safeParse(payload.value).success;

/** The command-line checks read every field, so they wait until every field has parsed. */
const everythingParsed = (payload: { issues: unknown[] }) => payload.issues.length === 0;

/** The spec, with the checks the engine would make, so bad input never reaches it. */
export const runSpec = runSpecFields
  .refine((spec) => spec.restart.maxRetries === undefined || spec.restart.name === 'on-failure', {
    path: ['restart'],
    message: 'A retry count goes only with on-failure',
    when: restartFieldsParsed,
  })
  .refine((spec) => !spec.autoRemove || spec.restart.name === 'no', {
    path: ['restart'],
    message: 'A container removed when it exits cannot also restart',
    when: restartFieldsParsed,
  })
  // What its docker run line could not carry is refused too, so the shown command always matches.
  .superRefine(
    (spec, ctx) => {
      for (const { path, message } of cliProblems(spec))
        ctx.addIssue({ code: 'custom', path, message });
    },
    { when: everythingParsed },
  );

/**
 * What a re-create may change: each field present replaces the container's own.
 * Everything else (command, labels, networks, limits...) is kept as it is.
 */
export const recreateChanges = z
  .object({
    ports: runSpecFields.shape.ports.optional(),
    env: runSpecFields.shape.env.optional(),
    volumes: runSpecFields.shape.volumes.optional(),
    restart: restartSpec.optional(),
  })
  .strict()
  .superRefine(
    (changes, ctx) => {
      for (const { path, message } of cliProblems(changes))
        ctx.addIssue({ code: 'custom', path, message });
    },
    { when: everythingParsed },
  );
export type RecreateChanges = z.infer<typeof recreateChanges>;

export type PortSpec = z.infer<typeof portSpec>;
export type VolumeSpec = z.infer<typeof volumeSpec>;
export type RunSpec = z.infer<typeof runSpecFields>;

export function emptyRunSpec(): RunSpec {
  return {
    image: '',
    ports: [],
    publishAll: false,
    env: [],
    volumes: [],
    restart: { name: 'no' },
    labels: {},
    interactive: false,
    tty: false,
    autoRemove: false,
    privileged: false,
    start: true,
  };
}
