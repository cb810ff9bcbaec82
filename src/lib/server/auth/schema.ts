import { z } from 'zod';

/** Sign-in form. Messages are keys of messages/*.json (prefixed with "error_" there). */
export const signInInput = z.object({
	email: z.string().trim().min(1, 'email_required').max(254, 'too_long').pipe(z.email('email_invalid')),
	password: z.string().min(1, 'password_required').max(256, 'too_long'),
	terug: z.string().max(2000).optional()
});

/** Language switch form. */
export const localeInput = z.object({
	locale: z.enum(['nl', 'en']),
	terug: z.string().max(2000).optional()
});
