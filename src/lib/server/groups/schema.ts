/**
 * The forms of groups/, with English keys; the group page's Dutch field names map to these at the
 * route (`namedFields` of ../form-fields).
 */
import { z } from 'zod';
import { uuid } from '../input';

/** A coordinator adds a trainer of the organisation to a group. */
export const addTrainerInput = z.object({ trainerId: uuid('trainer_required') });

/** A coordinator takes a trainer off a group: the first post asks, the second (confirmed) removes. */
export const removeTrainerInput = z.object({
	trainerId: uuid('trainer_required'),
	confirmed: z.enum(['ja']).optional()
});
