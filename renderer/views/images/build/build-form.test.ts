import { describe, expect, it } from 'vitest';
import { emptyBuildForm, readBuildForm } from './build-form.ts';

describe('build form', () => {
  it('reads tags by line or comma, build args by line, and drops defaults', () => {
    const { options, errors } = readBuildForm({
      ...emptyBuildForm(),
      context: ' /src/app ',
      tags: 'web:1, web:latest\n\nlocalhost:5000/web:2',
      buildArgs: 'A=1, 2\n\nB=x y\n',
      target: 'build',
      noCache: true,
    });
    expect(errors).toEqual({});
    expect(options).toEqual({
      context: '/src/app',
      tags: ['web:1', 'web:latest', 'localhost:5000/web:2'],
      buildArgs: ['A=1, 2', 'B=x y'],
      target: 'build',
      noCache: true,
    });
  });

  it('keeps a Dockerfile other than the default', () => {
    const { options } = readBuildForm({
      ...emptyBuildForm(),
      context: '/a',
      dockerfile: 'dev.Dockerfile',
    });
    expect(options?.dockerfile).toBe('dev.Dockerfile');
  });

  it('puts each problem beside its field', () => {
    const { options, errors } = readBuildForm({
      ...emptyBuildForm(),
      context: 'relative',
      tags: 'Web:1',
      buildArgs: 'NOEQUALS',
      target: 'x y',
    });
    expect(options).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['buildArgs', 'context', 'tags', 'target']);
    expect(errors.tags?.[0]).toContain('lower case');
  });

  it('asks for a context first', () => {
    expect(readBuildForm(emptyBuildForm()).errors.context).toEqual([
      'Give the folder that holds the Dockerfile',
    ]);
  });
});
