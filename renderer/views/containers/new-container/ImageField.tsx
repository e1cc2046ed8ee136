import { useId } from 'react';
import { Field } from './Field.tsx';
import type { FormBindings } from './form-bindings.ts';
import type { ImageFacts } from './use-image-facts.ts';

/** The image, with the local ones as suggestions and a one-click fix for a near miss. */
export function ImageField(props: { bind: FormBindings; localTags: string[]; facts: ImageFacts }) {
  const listId = useId();
  const { text, set, errors } = props.bind;
  const guess = props.facts.didYouMean;
  return (
    <Field
      label="Image"
      term="image"
      errors={errors('image')}
      hint={props.facts.note}
      actions={
        guess && (
          <button type="button" className="small fix" onClick={() => set('image')(guess)}>
            Use {guess}
          </button>
        )
      }
    >
      {(a) => (
        <>
          <input
            {...a}
            autoFocus
            placeholder="busybox:latest"
            list={listId}
            autoComplete="off"
            spellCheck={false}
            {...text('image')}
          />
          <datalist id={listId}>
            {props.localTags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
