// Where the access token comes from when the user picks it: `--token-file PATH`
// or BERTH_TOKEN keep it out of `ps`; `--token` still works. None: Berth makes one.
import { readFile } from 'node:fs/promises';
import { tokenProblem } from './access.ts';

interface TokenInputs {
  flag?: string | undefined;
  file?: string | undefined;
  env: NodeJS.ProcessEnv;
}

/** The token to use, or undefined for a random one; throws a message for the user. */
export async function resolveToken(inputs: TokenInputs): Promise<string | undefined> {
  if (inputs.flag !== undefined && inputs.file !== undefined) {
    throw new Error('Give the access token one way: --token or --token-file, not both.');
  }
  let token: string | undefined;
  let source: string;
  if (inputs.file !== undefined) {
    source = `--token-file ${inputs.file}`;
    try {
      // A file written with `echo` ends with a newline that is not part of the token.
      token = (await readFile(inputs.file, 'utf8')).trim();
    } catch (err) {
      throw new Error(`Couldn't read the token file ${inputs.file}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  } else if (inputs.flag !== undefined) {
    source = '--token';
    token = inputs.flag;
  } else {
    source = 'BERTH_TOKEN';
    token = inputs.env.BERTH_TOKEN;
  }
  if (token === undefined) return undefined;
  const problem = tokenProblem(token);
  if (problem) throw new Error(`${source}: ${problem}`);
  return token;
}
