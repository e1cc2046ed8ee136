import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import { classifyRegistryFailure } from '../../../../electron/contract/registry-errors.ts';
import { EngineErrorAlert } from '../../../components/EngineErrorAlert.tsx';

/**
 * A failed pull or push in the engine's words; when logging in could fix it
 * (unauthorized, denied) and the page can open a login, a "Log in" button.
 */
export function RegistryErrorAlert(props: {
  error: ErrorEnvelope;
  image: string;
  verb: 'pull' | 'push';
  onLogin?: ((registry: string) => void) | undefined;
}) {
  const words = props.error.engineMessage ?? props.error.message;
  const { needsLogin, registry } = classifyRegistryFailure(words, props.image, props.verb);
  const onLogin = props.onLogin;
  return (
    <EngineErrorAlert error={props.error}>
      {needsLogin && registry && onLogin && (
        <div className="dialog-buttons">
          <button type="button" onClick={() => onLogin(registry)}>
            Log in
          </button>
        </div>
      )}
    </EngineErrorAlert>
  );
}
