/**
 * The words a beginner meets on Berth's screens, each explained in one plain
 * sentence. A sentence must make sense to someone who has never used Docker:
 * it leans on everyday words (program, folder, computer), never on another
 * term of art, and stays short enough to read at a glance in a tooltip.
 */
export const terms = {
  engine:
    'The program in the background that downloads images and runs your containers; Berth asks it to do the work.',
  image:
    'A packaged program with everything it needs to run, like an app installer; containers are started from it.',
  container:
    'A program started from an image, kept apart from the rest of your computer as if in its own small machine.',
  tag: 'The version part of an image name, after the colon: in nginx:1.25 it is 1.25, and latest when none is given.',
  volume:
    'A storage space for a container’s files that stays when the container is removed or replaced.',
  bindMount:
    'A folder of your computer shown inside a container, so both see and change the same files.',
  port: 'A numbered door for network traffic; publishing one links a door on your computer to a door in the container.',
  hostPort:
    'The port number on your computer: open localhost with this number in a browser to reach the container.',
  containerPort:
    'The port number the program listens on inside the container, like 80 for a web server.',
  network:
    'A private connection between containers, so they can reach each other by name without being open to everyone.',
  layer:
    'One saved step of building an image; images that share steps share those layers and so take less disk space.',
  registry:
    'An online library of images, like Docker Hub, that images are downloaded from and shared to.',
  environmentVariable:
    'A named setting written KEY=value that the program reads when it starts, like a password or a mode.',
  restartPolicy:
    'Whether the container is started again by itself when it stops, or when the computer restarts.',
  exitCode:
    'The number a program gives back when it ends: 0 means it finished fine, any other number usually an error.',
  composeProject:
    'A group of containers written down together in one compose.yaml file, and started or stopped as one.',
  diskUsage:
    'The space your images, containers, volumes and saved build steps take on your computer, and how much could be freed.',
  engineEvent:
    'A note the engine writes each time something happens: a container started, an image removed, a network made.',
} as const;

export type TermKey = keyof typeof terms;

/** How the issue names each word, for tests and for reading this file. */
export const termWords: Record<TermKey, string> = {
  engine: 'engine',
  image: 'image',
  container: 'container',
  tag: 'tag',
  volume: 'volume',
  bindMount: 'bind mount',
  port: 'port',
  hostPort: 'host port',
  containerPort: 'container port',
  network: 'network',
  layer: 'layer',
  registry: 'registry',
  environmentVariable: 'environment variable',
  restartPolicy: 'restart policy',
  exitCode: 'exit code',
  composeProject: 'Compose project',
  diskUsage: 'disk usage',
  engineEvent: 'engine event',
};
