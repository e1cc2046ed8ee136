import { describe, expect, it } from 'vitest';
import { emptyRunSpec, recreateChanges } from '../../../../electron/contract/run-spec/spec.ts';
import { check } from '../../../../electron/contract/schema-problems.ts';
import { changesOf, recreateFormOf } from './recreate-form.ts';

const original = recreateFormOf({
  ...emptyRunSpec(),
  image: 'web',
  ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }],
  env: ['A=1'],
  volumes: [{ type: 'volume', source: 'data', target: '/data', readOnly: false }],
  restart: { name: 'on-failure', maxRetries: 3 },
});

describe('recreate form', () => {
  it('shows the settings in CLI syntax', () => {
    expect(original).toEqual({
      ports: '8080:80/tcp',
      environment: 'A=1',
      volumes: 'data:/data',
      restartPolicy: 'on-failure',
      maxRetries: '3',
    });
  });

  it('asks for nothing when nothing differs (blank lines and spaces do not count)', () => {
    const same = { ...original, environment: '\n A=1 \n\n' };
    expect(changesOf(same, original)).toEqual({ changes: {}, changed: [], errors: {} });
  });

  it('sends only the fields that changed', () => {
    const result = changesOf({ ...original, ports: '9090:80', maxRetries: '5' }, original);
    expect(result.changed).toEqual(['ports', 'restart policy']);
    expect(result.changes).toEqual({
      ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 9090 }],
      restart: { name: 'on-failure', maxRetries: 5 },
    });
  });

  it('names every problem beside its field and sends nothing', () => {
    const result = changesOf(
      {
        ...original,
        ports: '99999:80',
        environment: 'not a pair',
        volumes: 'data',
        maxRetries: '-1',
      },
      original,
    );
    expect(result.changes).toBeNull();
    expect(result.errors.ports?.[0]).toMatch(/outside 1-65535/);
    expect(result.errors.environment?.[0]).toMatch(/KEY=value/);
    expect(result.errors.volumes?.[0]).toMatch(/must start with \//);
    expect(result.errors.maxRetries).toEqual(['At least 0']);
  });

  it("shows the schema's own problem beside Max retries, as the server would say it", () => {
    const result = changesOf({ ...original, maxRetries: '5000' }, original);
    const server = check(recreateChanges, { restart: { name: 'on-failure', maxRetries: 5000 } });
    expect(server.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['restart', 'maxRetries'], 'At most 1000'],
    ]);
    expect(result).toMatchObject({ changes: null, errors: { maxRetries: ['At most 1000'] } });
    expect(changesOf({ ...original, maxRetries: 'lots' }, original).errors).toEqual({
      maxRetries: ['A number, like 3'],
    });
  });

  it('drops the retry count when the policy is no longer on-failure', () => {
    expect(changesOf({ ...original, restartPolicy: 'always' }, original).changes).toEqual({
      restart: { name: 'always' },
    });
  });
});
