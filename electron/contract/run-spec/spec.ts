// What the New container dialog makes: everything `docker run` takes that a
// beginner meets in tutorials, as plain data. The dialog edits it, the Node side
// creates the container from it, and run-command.ts writes the same as a
// `docker run` line.
import { z } from 'zod';
import { cliProblems } from './cli-syntax.ts';
import { imageReferenceProblem } from './parse.ts';

export const portSpec = z.object({
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  hostPort: z.number().int().min(1).max(65535).optional(),
  hostIp: z.string().max(64).optional(),
});

export const volumeSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('volume'),
    source: z.string().min(1).max(255),
    target: z.string().min(1),
    readOnly: z.boolean(),
  }),
  z.object({
    type: z.literal('bind'),
    source: z.string().min(1),
    target: z.string().min(1),
    readOnly: z.boolean(),
  }),
  z.object({ type: z.literal('anonymous'), target: z.string().min(1), readOnly: z.boolean() }),
]);

export const restartSpec = z.object({
  name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
  maxRetries: z.number().int().min(0).max(1000).optional(),
});

const runSpecFields = z.object({
  image: z.string().min(1).max(512),
  name: z.string().max(255).optional(),
  /** Argument vectors, not shell strings: what the CLI would pass after the image. */
  command: z.array(z.string().max(100_000)).max(1000).optional(),
  /** One executable, as `--entrypoint` takes it; its arguments go in `command`. */
  entrypoint: z.string().min(1).max(4096).optional(),
  ports: z.array(portSpec).max(1000),
  publishAll: z.boolean(),
  env: z.array(z.string().max(100_000)).max(1000),
  volumes: z.array(volumeSpec).max(200),
  network: z.string().max(255).optional(),
  /** Legacy links, `container:alias` (`--link`): for old tutorials; networks replace them. */
  links: z
    .array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+:[a-zA-Z0-9][a-zA-Z0-9_.-]+$/))
    .max(100)
    .optional(),
  restart: restartSpec,
  memoryBytes: z
    .number()
    .int()
    .min(6 * 1024 * 1024)
    .optional(),
  cpuShares: z.number().int().min(2).max(262_144).optional(),
  cpuset: z
    .string()
    .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/)
    .optional(),
  user: z.string().max(255).optional(),
  workdir: z.string().max(4096).optional(),
  labels: z.record(z.string().max(1024), z.string().max(100_000)),
  interactive: z.boolean(),
  tty: z.boolean(),
  autoRemove: z.boolean(),
  privileged: z.boolean(),
  /** Start it after creating (the dialog's "Create and start"). */
  start: z.boolean(),
});

/** The spec, with the checks the engine would make, so bad input never reaches it. */
export const runSpec = runSpecFields.superRefine((spec, ctx) => {
  const imageProblem = imageReferenceProblem(spec.image);
  if (imageProblem) ctx.addIssue({ code: 'custom', path: ['image'], message: imageProblem });
  if (spec.name !== undefined && spec.name !== '' && !CONTAINER_NAME.test(spec.name)) {
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message:
        'A name starts with a letter or digit and has only letters, digits, _ . and - (2 characters at least)',
    });
  }
  for (const key of Object.keys(spec.labels)) {
    if (key === '' || /\s/.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['labels'],
        message: `The label name "${key}" is empty or has spaces`,
      });
    }
  }
  if (spec.restart.maxRetries !== undefined && spec.restart.name !== 'on-failure') {
    ctx.addIssue({
      code: 'custom',
      path: ['restart'],
      message: 'A retry count goes only with on-failure',
    });
  }
  if (spec.autoRemove && spec.restart.name !== 'no') {
    ctx.addIssue({
      code: 'custom',
      path: ['restart'],
      message: 'A container removed when it exits cannot also restart',
    });
  }
  // What its docker run line could not carry is refused too, so the shown command always matches.
  for (const { path, message } of cliProblems(spec))
    ctx.addIssue({ code: 'custom', path, message });
});

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
  .superRefine((changes, ctx) => {
    for (const { path, message } of cliProblems(changes)) {
      ctx.addIssue({ code: 'custom', path, message });
    }
  });
export type RecreateChanges = z.infer<typeof recreateChanges>;

/** The engine's rule for container names. */
export const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

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
