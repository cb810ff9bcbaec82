/**
 * The demo organisation: synthetic people only, marked "Demo" in the UI. Created once on the first
 * start when DEMO=on; the credentials are documented in README.md.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { generateCalendar } from '$lib/domain/calendar';
import { isStaff } from '$lib/domain/session-policy';
import { sessionRows } from '../calendar/group-calendar/commands';
import { hashPassword } from '../auth/password';
import { seal } from '../auth/secret-box';
import type { Db, Tx } from '../db/client';
import {
	account,
	boardPost,
	boardReaction,
	boardReader,
	courseGroup,
	groupSession,
	tourSeen,
	groupMember,
	groupTrainer,
	organisation,
	person,
	totpFactor,
	user
} from '../db/schema';
import { isParticipant, isTrainer } from '../access';
import { seedDemoNetwork } from '../workbook/network/demo';
import { seedDemoMeasures } from '../measures/demo';
import { seedDemoPlan } from '../workbook/plan/demo';
import { seedDemoToolboxes } from '../workbook/toolbox/demo';
import { seedDemoFidelity } from '../measures/fidelity/demo';

export const DEMO_PASSWORD = 'herstelpad-demo';
/**
 * The demo staff's authenticator key (TOTP, base32). Public on purpose: demo data is synthetic.
 * Add it to an authenticator app, or run `npm run demo:code` for the current code.
 */
export const DEMO_TOTP_SECRET = 'HERSTELPADDEMOTOTPKEYVOORIEDEREEN';
export const DEMO_SLUG = 'demo';
/** When the demo participants joined their group: before its first session on 3 September 2026. */
const DEMO_JOINED_AT = new Date('2026-09-01T08:00:00Z');
const DEMO_DOMAIN = 'demo.herstelpad.example';

type DemoRole = 'coordinator' | 'trainer' | 'participant' | 'significant_other';

interface DemoPerson {
	email: string;
	name: string;
	role: DemoRole;
	isPeerExpert?: boolean;
	phone?: string;
}

/** The demo accounts, in the order README.md lists them. */
export const demoPeople: DemoPerson[] = [
	{ email: `coordinator@${DEMO_DOMAIN}`, name: 'Carla Coördinator', role: 'coordinator' },
	{ email: `trainer@${DEMO_DOMAIN}`, name: 'Tom Trainer', role: 'trainer', phone: '010 123 45 67' },
	{
		email: `ervaringsdeskundige@${DEMO_DOMAIN}`,
		name: 'Esra Ervaringsdeskundige',
		role: 'trainer',
		isPeerExpert: true,
		phone: '010 123 45 68'
	},
	...['Anna', 'Bram', 'Chris', 'Dewi', 'Emre', 'Fleur', 'Gijs', 'Hanna'].map((first, index) => ({
		email: `deelnemer${index + 1}@${DEMO_DOMAIN}`,
		name: `${first} (demo)`,
		role: 'participant' as const
	})),
	// The first participant's sister: she sees Anna's plan and goal, nothing else.
	{ email: `naaste@${DEMO_DOMAIN}`, name: 'Sanne (demo, naaste)', role: 'significant_other' }
];

/**
 * Creates the demo organisation unless it exists; true when this call created it. Safe to call on
 * every start, also by two instances at once.
 */
export async function seedDemo(db: Db, appSecret: string): Promise<boolean> {
	const existing = await db
		.select({ id: organisation.id })
		.from(organisation)
		.where(eq(organisation.slug, DEMO_SLUG));
	if (existing.length > 0) return false;
	const hashes = await Promise.all(demoPeople.map(() => hashPassword(DEMO_PASSWORD)));
	return db.transaction(async (tx) => {
		const [org] = await tx
			.insert(organisation)
			.values({ name: 'Demo-organisatie Herstelpad', slug: DEMO_SLUG, isDemo: true })
			.onConflictDoNothing()
			.returning({ id: organisation.id });
		if (!org) return false; // another instance seeded it first
		const ids = new Map<string, string>();
		for (const [index, demo] of demoPeople.entries()) {
			ids.set(demo.email, await insertPerson(tx, org.id, demo, hashes[index] ?? '', appSecret));
		}
		const [group] = await tx
			.insert(courseGroup)
			.values({
				organisationId: org.id,
				name: 'Herstelgroep Demo',
				location: 'Wijkcentrum De Brug, zaal 2 (demo)',
				weekday: 4,
				startTime: '10:00',
				startDate: '2026-09-03'
			})
			.returning({ id: courseGroup.id });
		if (!group) throw new Error('demo group was not created');
		await tx.insert(groupSession).values(
			sessionRows(
				group.id,
				generateCalendar({
					weekday: 4,
					startTime: '10:00',
					startDate: '2026-09-03',
					endDate: null,
					skipPublicHolidays: true,
					daysOff: []
				})
			)
		);
		for (const demo of demoPeople) {
			const personId = ids.get(demo.email) ?? '';
			if (isTrainer(demo)) await tx.insert(groupTrainer).values({ groupId: group.id, personId });
			if (isParticipant(demo)) {
				// They joined before the first session, like a real group.
				await tx.insert(groupMember).values({ groupId: group.id, personId, joinedAt: DEMO_JOINED_AT });
				// The demo participants have had the first-use tour (replay it from Help).
				await tx.insert(tourSeen).values({ personId });
			}
		}
		const idOf = (email: string) => ids.get(`${email}@${DEMO_DOMAIN}`) ?? '';
		await seedBoard(tx, group.id, idOf);
		await seedDemoToolboxes(tx, idOf);
		await seedDemoNetwork(tx, idOf);
		await seedDemoPlan(tx, idOf('deelnemer1'), idOf('naaste'));
		await seedDemoMeasures(
			tx,
			{ id: group.id, organisationId: org.id },
			demoPeople.filter(isParticipant).map((demo) => ids.get(demo.email) ?? ''),
			idOf('trainer')
		);
		await seedDemoFidelity(tx, group.id, idOf('trainer'));
		return true;
	});
}

/**
 * A few synthetic posts on the demo group's board, so the demo shows it: a welcome from the peer
 * expert, a trainer's note, a participant's post with a reply and supportive words. The first
 * participant (the one the README names) has seen the board's rules; the others see them first.
 */
async function seedBoard(tx: Tx, groupId: string, idOf: (email: string) => string): Promise<void> {
	const [welcome, note, walk] = [randomUUID(), randomUUID(), randomUUID()];
	await tx.insert(boardPost).values([
		{
			id: welcome,
			groupId,
			authorPersonId: idOf('ervaringsdeskundige'),
			body: 'Welkom op het prikbord! Hier deel je wat je helpt. Mij helpt wandelen als ik onrustig ben.',
			createdAt: new Date('2026-09-03T13:00:00Z')
		},
		{
			id: note,
			groupId,
			authorPersonId: idOf('trainer'),
			body: 'Fijn dat jullie er vandaag waren. Tot volgende week!',
			createdAt: new Date('2026-09-10T12:00:00Z')
		},
		{
			id: walk,
			groupId,
			authorPersonId: idOf('deelnemer2'),
			body: 'Deze week ben ik elke dag even naar buiten gegaan. Dat was moeilijk, maar het lukte.',
			createdAt: new Date('2026-09-12T16:00:00Z')
		},
		{
			groupId,
			parentId: walk,
			authorPersonId: idOf('deelnemer3'),
			body: 'Knap van je!',
			createdAt: new Date('2026-09-12T18:30:00Z')
		}
	]);
	await tx.insert(boardReaction).values([
		{ postId: walk, personId: idOf('ervaringsdeskundige'), word: 'well_done' },
		{ postId: walk, personId: idOf('deelnemer4'), word: 'recognise' },
		{ postId: welcome, personId: idOf('deelnemer2'), word: 'strength' }
	]);
	await tx
		.insert(boardReader)
		.values({ personId: idOf('deelnemer1'), rulesSeenAt: new Date('2026-09-03T13:30:00Z') });
}

async function insertPerson(
	tx: Tx,
	organisationId: string,
	demo: DemoPerson,
	passwordHash: string,
	appSecret: string
): Promise<string> {
	const userId = randomUUID();
	await tx.insert(user).values({ id: userId, name: demo.name, email: demo.email, emailVerified: true });
	await tx.insert(account).values({
		id: randomUUID(),
		accountId: userId,
		providerId: 'credential',
		userId,
		password: passwordHash
	});
	if (isStaff(demo.role)) {
		await tx.insert(totpFactor).values({
			userId,
			secretEncrypted: seal(DEMO_TOTP_SECRET, appSecret),
			confirmedAt: new Date()
		});
	}
	const [row] = await tx
		.insert(person)
		.values({
			organisationId,
			userId,
			role: demo.role,
			displayName: demo.name,
			isPeerExpert: demo.isPeerExpert ?? false,
			phone: demo.phone
		})
		.returning({ id: person.id });
	if (!row) throw new Error(`demo person ${demo.email} was not created`);
	return row.id;
}
