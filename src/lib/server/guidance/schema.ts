/**
 * Form inputs of guidance (zod; error keys are translated in $lib/form-errors). English keys: the
 * routes map their Dutch form field names onto them (`namedFields`, $lib/server/form-fields).
 */
import { z } from 'zod';
import { freeText, uuid } from '../input';

export const MESSAGE_MAX = 2000;
export const CLOSE_NOTE_MAX = 300;

/** The message form: one free text. */
export const messageInput = z.object({ body: freeText(MESSAGE_MAX, { required: 'message_required' }) });

/** The trainer's form closing a help request: which one, and a short note. */
export const closeRequestInput = z.object({
	request: uuid('invalid'),
	note: freeText(CLOSE_NOTE_MAX, { required: 'note_required' })
});

/** The participant's "Ik kom er niet uit": the screen it came from (kept to a path by screenPath). */
export const askForHelpInput = z.object({ from: z.string().optional() });
