import { describe, expect, it } from 'vitest';
import {
  composeArgs,
  composeCommandLine,
  composeRequest,
  defaultProjectName,
} from './compose-channels.ts';

describe('compose command lines', () => {
  it('names the project the CLI would, from the project folder', () => {
    expect(defaultProjectName('/home/me/My App.v2')).toBe('myappv2');
    expect(defaultProjectName('/srv/_todo/')).toBe('todo');
    expect(defaultProjectName('C:\\Users\\me\\Shop')).toBe('shop');
    expect(defaultProjectName('/')).toBe('default');
  });

  it('always gives the project, and scales with up --no-recreate --scale', () => {
    expect(
      composeArgs({ action: 'scale', files: ['/p/app/compose.yml'], service: 'web', replicas: 3 }),
    ).toEqual([
      '-p',
      'app',
      '-f',
      '/p/app/compose.yml',
      'up',
      '-d',
      '--no-recreate',
      '--scale',
      'web=3',
      'web',
    ]);
    expect(
      composeArgs({
        action: 'down',
        files: ['/p/app/compose.yml'],
        workingDir: '/elsewhere',
        project: 'shop',
        volumes: true,
      }),
    ).toEqual([
      '-p',
      'shop',
      '-f',
      '/p/app/compose.yml',
      '--project-directory',
      '/elsewhere',
      'down',
      '--volumes',
    ]);
  });

  it('points the CLI at the engine in use, v1 and v2 alike', () => {
    const request = { action: 'up' as const, files: ['/p/app/compose.yml'], build: true };
    expect(composeCommandLine(request, 'plugin', 'posix', { context: 'berth' })).toBe(
      'docker --context berth compose -p app -f /p/app/compose.yml up -d --build',
    );
    expect(composeCommandLine(request, 'standalone', 'posix', { host: 'unix:///x/d.sock' })).toBe(
      'docker-compose --host unix:///x/d.sock -p app -f /p/app/compose.yml up -d --build',
    );
  });

  it('refuses hostile project names, relative paths and a scale without its service', () => {
    const ok = { action: 'up', files: ['/p/compose.yml'] };
    expect(composeRequest.safeParse(ok).success).toBe(true);
    for (const project of ['a;id', 'UP', '-p', '../x', '', 'a b']) {
      expect(composeRequest.safeParse({ ...ok, project }).success).toBe(false);
    }
    expect(composeRequest.safeParse({ ...ok, files: ['compose.yml'] }).success).toBe(false);
    expect(composeRequest.safeParse({ ...ok, files: ['/a\0b'] }).success).toBe(false);
    expect(composeRequest.safeParse({ ...ok, action: 'scale' }).success).toBe(false);
    expect(
      composeRequest.safeParse({ ...ok, action: 'scale', service: 'web;id', replicas: 2 }).success,
    ).toBe(false);
  });
});
