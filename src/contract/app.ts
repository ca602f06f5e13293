/** Channels about the application itself. */
import { z } from 'zod';
import { emptyRequest } from './common';
import { APP_MODES, SAMPLE_NAMES } from './constants';

export { SAMPLE_NAMES } from './constants';

/** One embedded sample project, as listed on the start screen. */
export const sampleInfoSchema = z.object({
  name: z.enum(SAMPLE_NAMES),
  title: z.string(),
  description: z.string(),
  simulated: z.boolean(),
});

/** Application channels. */
export const appChannels = {
  'app:info': {
    doc: 'Version, mode, the open project (path, sample name, notice such as "simulated demonstration data") and the samples.',
    request: emptyRequest,
    response: z.object({
      version: z.string(),
      mode: z.enum(APP_MODES),
      projectPath: z.string().nullable(),
      sample: z.string().nullable(),
      notice: z.string().nullable(),
      samples: z.array(sampleInfoSchema),
    }),
  },
} as const;
