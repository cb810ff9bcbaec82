/** The privacy forms' inputs (English keys), under the pages' Dutch field names. */
import { z } from 'zod';
import { namedFields } from '../form-fields';
import { freeText, uuid } from '../input';
import { consentPurposes } from './consent-log';

/** One consent switch: the form says which purpose and which way, so a resend changes nothing. */
export const consentInput = z.object({
	purpose: z.enum(consentPurposes, { error: 'invalid' }),
	given: z.enum(['ja', 'nee'], { error: 'invalid' }).transform((value) => value === 'ja')
});

/** Asking for erasure is confirmed with a tick: it cannot be undone once decided. */
export const erasureAskInput = z.object({ confirmed: z.literal('ja', 'confirm_required') });

export const ERASURE_REASON_MAX = 2000;

/** The coordinator's decision: erase (confirmed) or refuse (with the reason the participant reads). */
export const erasureDecisionInput = z
	.object({
		decision: z.enum(['wissen', 'weigeren'], { error: 'erasure_decision_required' }),
		reason: freeText(ERASURE_REASON_MAX, { tooLong: 'too_long' }).optional(),
		confirmed: z.literal('ja').optional()
	})
	.superRefine((value, context) => {
		if (value.decision === 'weigeren' && !value.reason)
			context.addIssue({ code: 'custom', path: ['reason'], message: 'erasure_reason_required' });
		if (value.decision === 'wissen' && value.confirmed !== 'ja')
			context.addIssue({ code: 'custom', path: ['confirmed'], message: 'confirm_required' });
	})
	.transform((value) => ({ erase: value.decision === 'wissen', reason: value.reason ?? null }));

/** A coordinator enters a request for a participant (the person page's form). */
export const erasureForInput = z.object({
	personId: uuid('invalid'),
	confirmed: z.literal('ja', 'confirm_required')
});

export const privacyForms = {
	consent: namedFields(consentInput, { purpose: 'doel', given: 'aan' }),
	erasureAsk: namedFields(erasureAskInput, { confirmed: 'bevestig' }),
	erasureDecision: namedFields(erasureDecisionInput, {
		decision: 'besluit',
		reason: 'toelichting',
		confirmed: 'bevestig'
	}),
	erasureFor: namedFields(erasureForInput, { personId: 'persoon', confirmed: 'bevestig' })
};

const months = z.coerce
	.number({ error: 'retention_months' })
	.int('retention_months')
	.min(1, 'retention_months')
	.max(600, 'retention_months');

/** The retention periods in months (the access log never below 60: the law's 5 years). */
export const retentionInput = z.object({
	check_ins: months,
	messages: months,
	help_requests: months,
	live_answers: months,
	board_posts: months,
	access_log: z.coerce
		.number({ error: 'retention_months' })
		.int('retention_months')
		.min(60, 'retention_access_log_floor')
		.max(600, 'retention_months'),
	after_course: months
});

export const retentionForm = namedFields(retentionInput, {
	check_ins: 'weekchecks',
	messages: 'berichten',
	help_requests: 'hulpvragen',
	live_answers: 'live',
	board_posts: 'prikbord',
	access_log: 'logboek',
	after_course: 'na-de-cursus'
});
