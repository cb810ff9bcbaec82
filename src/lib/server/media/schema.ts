/** The forms of media/ other than the upload (whose fields are in ./commands.ts), with English keys. */
import { z } from 'zod';

/** Removing a video asks first: without `confirmed` the page shows the question. */
export const removeMediaInput = z.object({ confirmed: z.enum(['ja']).optional() });
