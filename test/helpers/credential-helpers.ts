// The credential helper programs written for the tests (test/helpers/credential-helper):
// docker-credential-berth-test keeps its store in the file named by
// $BERTH_TEST_CREDENTIALS; -berth-broken always fails; -berth-hang never answers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CREDENTIAL_HELPERS_DIR = fileURLToPath(
  new URL('./credential-helper', import.meta.url),
);

/** process.env with the test helpers first on PATH and their store in `storeFile`. */
export function helperEnv(storeFile: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${CREDENTIAL_HELPERS_DIR}${path.delimiter}${process.env.PATH ?? ''}`,
    BERTH_TEST_CREDENTIALS: storeFile,
  };
}

/** Puts the helpers on this process's PATH (for code that spawns with process.env); returns the undo. */
export function useHelpersInProcess(storeFile: string): () => void {
  const old = {
    PATH: process.env.PATH,
    BERTH_TEST_CREDENTIALS: process.env.BERTH_TEST_CREDENTIALS,
  };
  Object.assign(process.env, helperEnv(storeFile));
  return () => {
    for (const [key, value] of Object.entries(old)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** What docker-credential-berth-test keeps, read from its file. */
export async function helperStoreContents(
  storeFile: string,
): Promise<Record<string, { Username: string; Secret: string }>> {
  try {
    return JSON.parse(await readFile(storeFile, 'utf8')) as Record<
      string,
      { Username: string; Secret: string }
    >;
  } catch {
    return {};
  }
}
