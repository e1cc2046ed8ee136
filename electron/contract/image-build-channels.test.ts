import { describe, expect, it } from 'vitest';
import { imageBuildCallArgs, imageBuildStreamArgs } from './image-build-channels.ts';

const build = (options: Record<string, unknown>) =>
  imageBuildStreamArgs['images.build'].safeParse([
    { context: '/src/app', tags: [], buildArgs: [], ...options },
  ]).success;

describe('image build arguments', () => {
  it('takes the options of a docker build', () => {
    expect(
      build({
        dockerfile: 'docker/Dockerfile.dev',
        tags: ['web:1', 'localhost:5000/team/web:latest'],
        buildArgs: ['VERSION=1.2', 'EMPTY=', 'QUOTE=it\'s "x" $(id)'],
        target: 'build-stage',
        noCache: true,
        pull: false,
      }),
    ).toBe(true);
    expect(build({ context: 'C:\\src\\app', dockerfile: 'D:/other/Dockerfile' })).toBe(true);
  });

  it.each([
    ['a relative context', { context: 'src/app' }],
    ['a context with NUL', { context: '/src/a\0b' }],
    ['a Dockerfile with NUL', { dockerfile: 'Docker\0file' }],
    ['a tag with capitals', { tags: ['Web:1'] }],
    ['a tag with a digest', { tags: [`web@sha256:${'a'.repeat(64)}`] }],
    ['a tag with spaces', { tags: [' web'] }],
    ['a tag with a bad tag part', { tags: ['web:-x'] }],
    ['a build arg without =', { buildArgs: ['VERSION'] }],
    ['a build arg with a bad key', { buildArgs: ['1X=2'] }],
    ['a target that is not a stage name', { target: 'x y' }],
    ['an unknown option', { squash: true }],
  ])('refuses %s', (_what, options) => {
    expect(build(options)).toBe(false);
  });

  it('checks the context query the same way', () => {
    const query = imageBuildCallArgs['images.buildContext'];
    expect(query.safeParse([{ context: '/src/app' }]).success).toBe(true);
    expect(query.safeParse([{ context: '../app' }]).success).toBe(false);
  });
});
