import type { ReactNode } from 'react';

/** An error in the engine's own words, with a way forward. Text only, never HTML. */
export function ErrorAlert({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div role="alert" className="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}
