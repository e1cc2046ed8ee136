import { describe, expect, it } from 'vitest';
import { emptyServiceForm, specFromServiceForm } from './service-form.ts';

const form = (more: Partial<typeof emptyServiceForm>) => ({
  ...emptyServiceForm,
  image: 'busybox:latest',
  ...more,
});

describe('the Create service form', () => {
  it('makes the spec the CLI line is written from, fields in the CLI syntax', () => {
    const { spec, errors } = specFromServiceForm(
      form({
        name: 'web',
        command: 'sh -c "echo hi; sleep 1"',
        ports: '8080:80\n53/udp',
        environment: 'A=1\nB=two words',
        replicas: '4',
        constraints: 'node.role==worker\n\nnode.labels.zone == east',
      }),
    );
    expect(errors).toEqual({});
    expect(spec).toMatchObject({
      image: 'busybox:latest',
      name: 'web',
      command: ['sh', '-c', 'echo hi; sleep 1'],
      env: ['A=1', 'B=two words'],
      ports: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { containerPort: 53, protocol: 'udp' },
      ],
      mode: 'replicated',
      replicas: 4,
      constraints: ['node.role==worker', 'node.labels.zone == east'],
    });
  });

  it('refuses a negative or huge replica count in the schema’s words, beside Replicas', () => {
    expect(specFromServiceForm(form({ replicas: '-1' })).errors.replicas?.[0]).toMatch(
      /Cannot be negative/,
    );
    expect(specFromServiceForm(form({ replicas: '100000' })).errors.replicas?.[0]).toMatch(
      /At most 1000/,
    );
    expect(specFromServiceForm(form({ replicas: 'many' })).spec).toBeNull();
  });

  it('takes no replica count for a global service, and says what is wrong with a constraint', () => {
    const global = specFromServiceForm(form({ mode: 'global', replicas: '-5' }));
    expect(global.errors).toEqual({});
    expect(global.spec?.replicas).toBeUndefined();
    const bad = specFromServiceForm(form({ constraints: 'zone=east' }));
    expect(bad.errors.constraints?.[0]).toMatch(/node\.role/);
    expect(specFromServiceForm(form({ image: '' })).errors.image).toBeTruthy();
  });
});
