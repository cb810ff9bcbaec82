/**
 * After an erasure decision (committed): the organisation's earlier bulk exports, which may hold the
 * erased person, are removed; the participant is told the outcome by email when they have an address
 * (a refusal also shows on their own page). A mail that fails is logged: the decision stands.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/domain/policy';
import { config } from '../config';
import type { Db } from '../db/client';
import { removeFinishedExports } from '../fhir/exports';
import { logger } from '../log';
import { sendMail } from '../mail/mailer';
import type { ErasureOutcome } from './erasure';

export async function tellErasureOutcome(db: Db, actor: Actor, outcome: ErasureOutcome): Promise<void> {
	const settings = config();
	if (outcome.status === 'erased' && actor.organisationId)
		await removeFinishedExports(db, actor.organisationId, settings.dataDir);
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
