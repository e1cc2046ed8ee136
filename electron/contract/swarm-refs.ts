// What may name a Swarm object in a channel's arguments (refs.ts says why
// every id or name is checked before it reaches an engine path). Kept apart
// from refs.ts so the remote-engine work beside it never meets these lines.
// Each rule also keeps the value from starting with `-`, so a shown command
// never reads one as an option.
import { z } from 'zod';

const REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A node's id (or id prefix) or hostname, as `docker node …` takes it. */
export const swarmNodeRef = z.string().max(255).regex(REF, 'not a node id or hostname');

/** A service's id (or id prefix) or name (a stack's services are `STACK_NAME`). */
export const serviceRef = z.string().max(255).regex(REF, 'not a service id or name');

/** A task's id (25 lowercase letters and digits; a prefix of 1 or more is taken too). */
export const taskId = z.string().regex(/^[a-z0-9]{1,64}$/, 'not a task id');

/**
 * A name for a new service: swarmkit's rule (letters, digits and `-`, up to
 * 63, starting and ending with a letter or digit); `_` is accepted too, as
 * stacks name their services `STACK_NAME`.
 */
export const serviceName = z
  .string()
  .max(63, 'A service name is at most 63 characters')
  .regex(
    /^[a-zA-Z0-9](?:[a-zA-Z0-9_-]*[a-zA-Z0-9])?$/,
    'A service name is letters, digits, - or _, starting and ending with a letter or digit',
  );

/** A stack's name (`com.docker.stack.namespace`), as `docker stack deploy` accepts it. */
export const stackName = z
  .string()
  .max(63, 'A stack name is at most 63 characters')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    'A stack name is letters, digits, _ or -, starting with a letter or digit',
  );

/** A node label's key (`--label-add KEY=VALUE`): no `=`, spaces or control characters. */
export const swarmLabelKey = z
  .string()
  .min(1, 'A label needs a name')
  .max(255, 'A label name is at most 255 characters')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_./-]*$/,
    'A label name is letters, digits, _ . / or -, starting with a letter or digit',
  );

/** A label's value: any text but NUL (no command line or engine field can hold it). */
export const swarmLabelValue = z
  .string()
  .max(4096, 'A label value is at most 4096 characters')
  .refine((v) => !v.includes('\0'), 'A label value has no NUL character');

/** What swarmkit takes in a constraint's value (manager/constraint: valuePattern). */
const CONSTRAINT_VALUE = String.raw`[a-zA-Z0-9:_\-.*()?+\[\]\\^$|/]`;

/**
 * A placement constraint (`--constraint`), swarmkit's grammar: an attribute
 * of the node or its engine, `==` or `!=`, and a value of letters, digits,
 * spaces and `: - _ . * ( ) ? + [ ] \ ^ $ | /` (swarmkit refuses others).
 */
export const placementConstraint = z
  .string()
  .max(512, 'A constraint is at most 512 characters')
  .regex(
    new RegExp(
      String.raw`^(?:node\.(?:id|hostname|role|platform\.os|platform\.arch|labels\.[a-zA-Z0-9_.-]+)|engine\.labels\.[a-zA-Z0-9_.-]+) *(?:==|!=) *` +
        `${CONSTRAINT_VALUE}(?:[ \\t]*${CONSTRAINT_VALUE})*$`,
    ),
    'A constraint is node.role, node.hostname, node.id, node.platform.os/arch, node.labels.KEY or engine.labels.KEY, then == or !=, then a value of letters, digits, spaces and : - _ . * ( ) ? + [ ] \\ ^ $ | / (node.role==manager)',
  );

/**
 * Where a node is reached or listens: an address or host with an optional
 * port (`10.0.0.1`, `10.0.0.1:2377`, `[fe80::1]:2377`, `manager1:2377`), or a
 * network interface's name (`eth0`), as `--advertise-addr` takes it.
 */
export const swarmAddress = z
  .string()
  .min(1, 'Give an address')
  .max(255, 'An address is at most 255 characters')
  .regex(
    /^(?:\[[0-9a-fA-F:.%a-zA-Z]+\]|[a-zA-Z0-9][a-zA-Z0-9_.:-]*)(?::\d{1,5})?$/,
    'An address is a host or IP with an optional :port (10.0.0.1:2377), or an interface name (eth0)',
  );

/** A join token as `docker swarm join-token` prints it. */
export const swarmJoinToken = z
  .string()
  .max(256)
  .regex(
    /^SWMTKN-1-[a-z0-9]+-[a-z0-9]+$/,
    'A join token looks like SWMTKN-1-… (from "docker swarm join-token" on a manager)',
  );

/** Most replicas a service may be scaled to here: far beyond a small cluster, far below a typo's 1e9. */
export const MAX_REPLICAS = 1000;

const REPLICAS_RULE = `a whole number from 0 to ${MAX_REPLICAS}`;

/** A replica count, refused with the reason before any engine sees it. */
export const replicaCount = z
  .number({ error: `Expected ${REPLICAS_RULE}` })
  .int(`Expected ${REPLICAS_RULE}`)
  .min(0, `Cannot be negative: give ${REPLICAS_RULE}`)
  .max(MAX_REPLICAS, `At most ${MAX_REPLICAS}: a larger number is almost certainly a typo`);
