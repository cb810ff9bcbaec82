import { z } from 'zod';

/** "Stop these reminders": the signed token from the link (checked by optOut, not here). */
export const optOutInput = z.object({ token: z.string().max(500, 'invalid') });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_invalid');

/** The participant's reminder settings (the page names the fields in Dutch: see its route). */
export const reminderInput = z.object({
	enabled: z.enum(['ja', 'nee'], { error: 'invalid' }).transform((value) => value === 'ja'),
	channel: z.enum(['email', 'push'], { error: 'invalid' }),
	weekday: z.coerce.number({ error: 'invalid' }).int('invalid').min(1, 'invalid').max(7, 'invalid'),
	time: clock,
	quietFrom: clock,
	quietUntil: clock
});
