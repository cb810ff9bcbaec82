/**
 * `npm run admin:invite-coordinator`: the platform administrator's way to bring in an organisation's
 * first coordinator. Creates the organisation if its short name is new, the coordinator's account
 * and a 7-day invitation link; mails it (SMTP_URL, or DATA_DIR/outbox) and prints it.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { emailInvitation } from '../auth/email-links';
import { config } from '../config';
import { openCommandDatabase } from '../db/command';
import { migrateDatabase } from '../db/migrate';
import { inviteCoordinator } from './invitations';
import { Conflict } from '../errors';

const input = z.object({
	organisation: z.string().trim().min(1).max(200),
	slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
	name: z.string().trim().min(1).max(100),
	email: z.email()
});

export async function main(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			organisation: { type: 'string' },
			slug: { type: 'string' },
			name: { type: 'string' },
			email: { type: 'string' }
		}
	});
	const parsed = input.safeParse(values);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		console.error(`Invalid --${String(issue?.path[0] ?? 'arguments')}: ${issue?.message ?? 'missing'}.`);
		console.error(
			'Usage: npm run admin:invite-coordinator -- --organisation "Name" --slug short-name --name "Name" --email a@b.nl'
		);
		return 2;
	}
	const settings = config();
	const database = await openCommandDatabase({
		databaseUrl: settings.databaseUrl,
		dataDir: settings.dataDir
	});
	try {
		await migrateDatabase(database.pool);
		const { organisation, slug, name, email } = parsed.data;
		const invitation = await inviteCoordinator(database.db, {
			organisationName: organisation,
			slug,
			displayName: name,
			email
		});
		const url = `${settings.publicBaseUrl}/uitnodiging/${invitation.token}`;
		await emailInvitation({
			to: email,
			name,
			invitedBy: {
				personId: '',
				userId: '',
				role: 'platform_admin',
				displayName: 'Herstelpad',
				isPeerExpert: false,
				organisationId: invitation.organisationId,
				organisationName: organisation,
				organisationIsDemo: false
			},
			token: invitation.token,
			lang: 'nl'
		});
		console.log(`Invited ${name} <${email}> as coordinator of "${organisation}" (${slug}).`);
		console.log(`The invitation link (valid 7 days, once) was mailed; it is: ${url}`);
		return 0;
	} catch (error) {
		if (error instanceof Conflict) {
			console.error(`There is already an account with ${parsed.data.email}.`);
			return 1;
		}
		throw error;
	} finally {
		await database.close();
	}
}
