/**
 * The text of queued mails (mail/queue.ts), made when the worker sends them: the address and
 * language are read then, so a changed address or a deactivated account is respected. No health
 * information: only that something is waiting, and a link.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Config } from '../config';
import type { Tx } from '../db/client';
import { message, person, user } from '../db/schema';
import { isRealEmail } from '../people/placeholder-email';
import type { Mail } from './mailer';
import type { MailJob } from './queue';

/** The mail for a job, or null when its recipient has no (real) address or is no longer active. */
export async function composeMail(tx: Tx, settings: Config, job: MailJob): Promise<Mail | null> {
	switch (job.kind) {
		case 'message':
			return messageMail(tx, settings, job);
	}
}

/** "You have a new message": to the participant, or to a trainer with a link to the thread. */
async function messageMail(tx: Tx, settings: Config, job: MailJob): Promise<Mail | null> {
	const [row] = await tx
		.select({
			participantId: message.personId,
			groupId: message.groupId,
			email: user.email,
			locale: person.preferredLocale
		})
		.from(message)
		.innerJoin(person, and(eq(person.id, job.recipientPersonId), isNull(person.deactivatedAt)))
		.innerJoin(user, eq(user.id, person.userId))
		.where(eq(message.id, job.messageId));
	if (!row || !isRealEmail(row.email)) return null;
	const locale = row.locale === 'en' ? 'en' : 'nl';
	const path =
		job.recipientPersonId === row.participantId
			? '/berichten'
			: `/trainer/groepen/${row.groupId}/berichten/${row.participantId}`;
	return {
		to: row.email,
		lang: locale,
		subject: m.message_mail_subject({}, { locale }),
		text: m.message_mail_text({}, { locale }),
		action: { label: m.message_mail_action({}, { locale }), url: new URL(path, settings.publicBaseUrl).href }
	};
}
