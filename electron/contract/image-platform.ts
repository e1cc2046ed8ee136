// A platform to pull for (`docker pull --platform linux/arm64`): the engine
// picks that entry of a multi-platform image. `os/arch[/variant]`, as
// containerd's platform specifiers write it (linux/amd64, linux/arm/v7).
import { z } from 'zod';

const part = '[a-z0-9][a-z0-9_-]{0,31}';
const platformPattern = new RegExp(`^${part}/${part}(?:/${part})?$`);

/** Null when `text` is a platform the engine can take; else why not. */
export function platformProblem(text: string): string | null {
  if (platformPattern.test(text)) return null;
  if (/[A-Z]/.test(text) && platformPattern.test(text.toLowerCase())) {
    return `Platforms are lower case: try ${text.toLowerCase()}`;
  }
  return 'A platform is os/arch or os/arch/variant, like linux/amd64 or linux/arm/v7';
}

/** `os/arch[/variant]`, lower case. */
export const imagePlatform = z.string().superRefine((text, ctx) => {
  const problem = platformProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
