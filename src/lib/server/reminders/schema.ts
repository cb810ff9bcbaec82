import { z } from 'zod';

/** "Stop these reminders": the signed token from the link (checked by optOut, not here). */
export const optOutInput = z.object({ token: z.string().max(500, 'invalid') });
