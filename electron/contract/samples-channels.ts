// The samples domain of the contract: the sample web site a beginner runs
// first, whose image Berth makes on the engine from files it ships.
import { z } from 'zod';

/** The sample's image, made by `docker import` (samples/sample-site.ts). */
export const SAMPLE_SITE_IMAGE = 'berth/sample-site:latest';

/** What `docker import --change` gives the image: its command, port and a label. */
export const SAMPLE_SITE_CHANGES = [
  'CMD ["httpd", "-f", "-vv", "-p", "80", "-h", "/www"]',
  'EXPOSE 80',
  'LABEL dev.berth.sample=site',
];

/** The `docker import` line that makes the same image from the archive Berth builds. */
export const SAMPLE_SITE_IMPORT_ARGS = [
  'import',
  ...SAMPLE_SITE_CHANGES.flatMap((change) => ['--change', change]),
  'sample-site.tar',
  SAMPLE_SITE_IMAGE,
];

export interface SampleSiteImage {
  image: string;
  id: string;
  /** Made just now (it was missing), rather than found. */
  made: boolean;
}

export interface SampleCalls {
  /** Makes the sample site's image unless the engine has it. */
  'samples.ensureSite': { args: []; result: SampleSiteImage };
}

export const sampleCallArgs: { [K in keyof SampleCalls]: z.ZodType<SampleCalls[K]['args']> } = {
  'samples.ensureSite': z.tuple([]),
};
