import { useId } from 'react';
import type { NetworkSummary } from '../../../../electron/contract/channels.ts';
import { Field } from './Field.tsx';
import type { FormBindings } from './form-bindings.ts';
import type { FormState } from './form.ts';
import { VolumesFromField } from './VolumesFromField.tsx';

/**
 * Everything `docker run` takes beyond the essentials, behind one button: a
 * beginner sees five fields, an expert opens this once and it stays open.
 */
export function MoreOptions(props: {
  open: boolean;
  onToggle(open: boolean): void;
  bind: FormBindings;
  networks: NetworkSummary[];
}) {
  const id = useId();
  const { form, set, text, check, errors } = props.bind;
  return (
    <>
      <div className="more-options-toggle">
        <button
          type="button"
          aria-expanded={props.open}
          aria-controls={id}
          onClick={() => props.onToggle(!props.open)}
        >
          More options
        </button>
        {!props.open && (
          <span className="field-hint">
            Command, network, volumes from, restart policy, limits, user, labels and more
          </span>
        )}
      </div>
      <div id={id} className="more-options" hidden={!props.open}>
        {props.open && (
          <>
            <Field
              label="Command"
              errors={errors('command')}
              hint="Empty: the image's own; quote as in a shell"
            >
              {(a) => <input {...a} {...text('command')} />}
            </Field>
            <Field label="Entrypoint" errors={errors('entrypoint')}>
              {(a) => <input {...a} {...text('entrypoint')} />}
            </Field>
            <Field label="Labels" errors={errors('labels')} hint="One a line: key=value">
              {(a) => <textarea {...a} rows={1} {...text('labels')} />}
            </Field>
            <Field label="Network" term="network" errors={errors('network')}>
              {(a) => (
                <select {...a} {...text('network')}>
                  <option value="">Default (bridge)</option>
                  {props.networks
                    .filter((n) => n.name !== 'bridge')
                    .map((n) => (
                      <option key={n.id} value={n.name}>
                        {n.name}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field
              label="Links"
              errors={errors('links')}
              hint="Legacy --link, one a line: container or container:alias (networks replace links)"
            >
              {(a) => <textarea {...a} rows={1} {...text('links')} />}
            </Field>
            <VolumesFromField bind={props.bind} />
            <Field label="Restart policy" term="restartPolicy" errors={errors('restartPolicy')}>
              {(a) => (
                <select
                  {...a}
                  value={form.restartPolicy}
                  onChange={(e) =>
                    set('restartPolicy')(e.target.value as FormState['restartPolicy'])
                  }
                >
                  <option value="no">No</option>
                  <option value="always">Always</option>
                  <option value="unless-stopped">Unless stopped</option>
                  <option value="on-failure">On failure</option>
                </select>
              )}
            </Field>
            {form.restartPolicy === 'on-failure' && (
              <Field label="Max retries" errors={errors('maxRetries')}>
                {(a) => <input {...a} inputMode="numeric" {...text('maxRetries')} />}
              </Field>
            )}
            <Field label="Memory limit" errors={errors('memoryLimit')} hint="Like 512m or 1g">
              {(a) => <input {...a} {...text('memoryLimit')} />}
            </Field>
            <Field
              label="CPU shares"
              errors={errors('cpuShares')}
              hint="Relative weight; 1024 is the default"
            >
              {(a) => <input {...a} inputMode="numeric" {...text('cpuShares')} />}
            </Field>
            <Field label="CPU set" errors={errors('cpuset')} hint="Like 0-1">
              {(a) => <input {...a} {...text('cpuset')} />}
            </Field>
            <Field label="User" errors={errors('user')} hint="name, uid or uid:gid">
              {(a) => <input {...a} {...text('user')} />}
            </Field>
            <Field label="Working directory" errors={errors('workdir')}>
              {(a) => <input {...a} {...text('workdir')} />}
            </Field>
            <fieldset className="checks">
              <legend>Options</legend>
              <label className="checkbox">
                <input type="checkbox" {...check('publishAll')} /> Publish all exposed (-P)
              </label>
              <label className="checkbox">
                <input type="checkbox" {...check('interactive')} /> Interactive
              </label>
              <label className="checkbox">
                <input type="checkbox" {...check('tty')} /> TTY
              </label>
              <label className="checkbox">
                <input type="checkbox" {...check('autoRemove')} /> Remove when it exits
              </label>
              <label className="checkbox">
                <input type="checkbox" {...check('privileged')} /> Privileged
              </label>
              {form.privileged && (
                <p className="hint">
                  A privileged container can do almost anything the host's root can. Use it only
                  when you must.
                </p>
              )}
            </fieldset>
          </>
        )}
      </div>
    </>
  );
}
