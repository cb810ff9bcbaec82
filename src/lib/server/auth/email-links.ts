/**
 * Sending the links: "email me a sign-in link" (participants) or a reset link (staff), and staff
 * invitations. Sent after the commit while the person waits, not queued (mail/queue.ts): a refused
 * mail shows on their screen at once, and a queued job would keep the one-time token readable in
 * the job table until it is sent.
 */
import type { Actor } from '$lib/domain/policy';
import { m } from '$lib/paraglide/messages.js';
import { record } from '../audit/record';
import { config } from '../config';
import type { Db } from '../db/client';
import { sendMail } from '../mail/mailer';
import { isRealEmail } from '../people/placeholder-email';
import { createLink, linkPurposeFor, ownerOfEmail } from './links';
import { isParticipant } from '../access';

/**
 * Emails a link to the owner of `email`, if there is one with a real address. The caller always
 * shows the same answer, so the form does not reveal who has an account.
 */
export async function emailSignInLink(db: Db, email: string, lang: 'nl' | 'en'): Promise<void> {
	const owner = await ownerOfEmail(db, email);
	if (!owner || !isRealEmail(owner.email)) return;
	const purpose = linkPurposeFor(owner.role);
	const token = await db.transaction(async (tx) => {
		const created = await createLink(tx, { personId: owner.personId, purpose });
		await record(tx, {
			eventType: 'auth.link_send',
			action: 'E',
			actor: null,
			participantId: isParticipant(owner) ? owner.personId : null,
			organisationId: owner.organisationId,
			object: { type: purpose, id: owner.personId }
		});
		return created;
	});
	const settings = config();
	const url = `${settings.publicBaseUrl}/inloggen/link/${token}`;
	const locale = { locale: lang };
	await sendMail(settings, {
		to: owner.email,
		lang,
		...(purpose === 'magic_link'
			? {
					subject: m.mail_link_subject({}, locale),
					text: m.mail_link_text({}, locale),
					action: { label: m.mail_link_action({}, locale), url }
				}
			: {
					subject: m.mail_reset_subject({}, locale),
					text: m.mail_reset_text({}, locale),
					action: { label: m.mail_reset_action({}, locale), url }
				})
	});
}

/** Emails an invitation link to a new staff member (made by inviteStaff). */
export async function emailInvitation(props: {
	to: string;
	name: string;
	invitedBy: Actor;
	token: string;
	lang: 'nl' | 'en';
}): Promise<void> {
	const settings = config();
	const locale = { locale: props.lang };
	await sendMail(settings, {
		to: props.to,
		lang: props.lang,
		subject: m.mail_invite_subject(
			{ organisation: props.invitedBy.organisationName ?? 'Herstelpad' },
			locale
		),
		text: m.mail_invite_text(
			{
				name: props.name,
				by: props.invitedBy.displayName,
				organisation: props.invitedBy.organisationName ?? ''
			},
			locale
		),
		action: {
			label: m.mail_invite_action({}, locale),
			url: `${settings.publicBaseUrl}/uitnodiging/${props.token}`
		}
	});
}
