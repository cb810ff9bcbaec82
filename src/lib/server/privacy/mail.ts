/**
 * After an erasure decision (committed): the files of the organisation's bulk exports the erasure
 * forgot (they may hold the erased person) are removed; the participant is told the outcome by email when they have an address
 * (a refusal also shows on their own page). A mail that fails is logged: the decision stands.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import { config } from '../config';
import { removeExportFiles } from '../fhir/exports';
import { logger } from '../log';
import { sendMail } from '../mail/mailer';
import type { ErasureOutcome } from './erasure';

export async function tellErasureOutcome(actor: Actor, outcome: ErasureOutcome): Promise<void> {
	const settings = config();
	await removeExportFiles(outcome.exportIds, settings.dataDir);
	if (!outcome.email || actor.organisationIsDemo) return;
	const locale = { locale: outcome.locale };
	await sendMail(settings, {
		to: outcome.email,
		lang: outcome.locale,
		subject: m.mail_erasure_subject({}, locale),
		text:
			outcome.status === 'erased'
				? m.mail_erasure_erased({}, locale)
				: m.mail_erasure_refused({ reason: outcome.reason ?? '' }, locale)
	}).catch((error: unknown) => logger.warn({ err: String(error) }, 'erasure outcome mail not sent'));
}
