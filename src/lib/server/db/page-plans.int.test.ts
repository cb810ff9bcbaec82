/**
 * The pages whose time issue 22 measures at 1,000, 10,000 and 100,000 participants (`npm run
 * bench:scale`) read no table whole. Each page's own server load runs here as SvelteKit would run it,
 * on a database that records every statement; each statement is EXPLAINed with sequential scans off,
 * and a sequential scan of any table that grows with the organisation fails the test, naming the
 * statement. A new query on one of these pages is checked without a line here.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import {
	buildCheckIn,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson
} from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { planOf, statementsOf, tablesScannedIn, type Statement } from '../../../../tests/helpers/plans';
import { load as trainerStart } from '../../../routes/(trainer)/trainer/+page.server';
import { load as thisWeek } from '../../../routes/(trainer)/trainer/groepen/[groep]/deze-week/+page.server';
import { load as coordinatorStart } from '../../../routes/(admin)/beheer/+page.server';
import { load as peopleList } from '../../../routes/(admin)/beheer/mensen/+page.server';
import { load as accessLogViewer } from '../../../routes/(admin)/beheer/logboek/+page.server';
import { load as participantHome } from '../../../routes/(participant)/+page.server';
import { load as ownAccessLog } from '../../../routes/(participant)/logboek/+page.server';
import { actions as signInActions } from '../../../routes/inloggen/+page.server';
import { setPassword } from '../auth/credentials';
import type { Database, Db } from './client';
import { tourSeen, user } from './schema';

/** Tables that do not grow with the organisation: reading them whole is fine. */
const SMALL_TABLES = new Set([
	'organisation',
	'curriculum_version',
	'curriculum_module',
	'curriculum_step',
	'questionnaire',
	'questionnaire_item',
	'retention_setting',
	'organisation_setting'
]);

let database: Database;
let trainer: Actor;
let participant: Actor;
let coordinator: Actor;
let groupId: string;
let email: string;
const PASSWORD = 'Een lang wachtwoord 2026';

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	participant = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna Plan' });
	const others = [];
	for (let index = 0; index < 8; index++)
		others.push(await buildPerson(db, { organisationId: org.id, role: 'participant' }));
	groupId = (
		await buildGroup(db, {
			organisationId: org.id,
			trainers: [trainer],
			participants: [participant, ...others]
		})
	).id;
	await db.insert(tourSeen).values({ personId: participant.personId });
	await buildGoal(db, { participant });
	await buildCheckIn(db, { participant, groupId, weekStart: '2026-11-30' });
	await setPassword(db, participant.userId, PASSWORD);
	email = (await db.select({ email: user.email }).from(user).where(eq(user.id, participant.userId)))[0]!
		.email;
	// Other organisations' rows, so that a plan by anything but the page's own keys reads them.
	await db.execute(sql`
		insert into audit_event (event_type, action, outcome, participant_id, organisation_id)
		select 'check_in.read', 'R', 'success', gen_random_uuid(), gen_random_uuid()
		from generate_series(1, 2000)`);
	await db.execute(sql`analyze`);
}, 120_000);

const cookies = {
	get: () => undefined,
	getAll: () => [],
	set: () => {},
	delete: () => {},
	serialize: () => ''
};

/** A server load's event, for `actor` on `path`, with `db` as the request's database. */
function eventFor(db: Db, actor: Actor | null, path: string, params: Record<string, string> = {}) {
	return {
		locals: {
			db,
			actor,
			requestId: 'plans',
			sessionId: actor ? 'session' : null,
			session: actor && {
				id: 'session',
				method: 'password',
				secondFactor: actor.role === 'participant' ? null : 'totp',
				endsAt: new Date(Date.now() + 3_600_000),
				idleMs: 3_600_000,
				absoluteEndsAt: new Date(Date.now() + 3_600_000)
			},
			pendingSecondFactor: null
		},
		url: new URL(path, 'http://localhost'),
		params,
		cookies,
		request: new Request(new URL(path, 'http://localhost')),
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		depends: () => {},
		parent: async () => ({})
	} as never;
}

/** The statements a page's load sends; a redirect at its end (a sign-in) is how it answers. */
async function sentBy(run: (db: Db) => unknown): Promise<Statement[]> {
	return statementsOf(database.pool, async (db) => {
		try {
			await run(db);
		} catch (thrown) {
			if (!(thrown && typeof thrown === 'object' && 'location' in thrown)) throw thrown;
		}
	});
}

/** Each statement whose plan reads a growing table whole, with the table. */
async function wholeTableReads(statements: Statement[]) {
	const found: string[] = [];
	for (const statement of statements) {
		const scanned = tablesScannedIn(await planOf(database.pool, statement)).filter(
			(table) => !SMALL_TABLES.has(table)
		);
		if (scanned.length > 0) found.push(`${scanned.join(', ')}: ${statement.sql}`);
	}
	return found;
}

describe('the pages measured at 100,000 participants read no growing table whole', () => {
	const pages: [string, (db: Db) => unknown][] = [
		['the trainer’s start page', (db) => trainerStart(eventFor(db, trainer, '/trainer'))],
		[
			'“this week” of a group',
			(db) => thisWeek(eventFor(db, trainer, `/trainer/groepen/${groupId}/deze-week`, { groep: groupId }))
		],
		['the coordinator’s start page', (db) => coordinatorStart(eventFor(db, coordinator, '/beheer'))],
		['the people list', (db) => peopleList(eventFor(db, coordinator, '/beheer/mensen'))],
		[
			'the people list, searched and filtered',
			(db) =>
				peopleList(
					eventFor(db, coordinator, `/beheer/mensen?zoek=anna&groep=${groupId}&status=actief&rol=deelnemer`)
				)
		],
		['the access-log viewer', (db) => accessLogViewer(eventFor(db, coordinator, '/beheer/logboek'))],
		[
			'the access-log viewer with its filters',
			(db) =>
				accessLogViewer(
					eventFor(
						db,
						coordinator,
						`/beheer/logboek?van=2026-01-01&tot=2026-12-31&actie=R&deelnemer=${participant.personId}&medewerker=${trainer.personId}`
					)
				)
		],
		['the participant’s home', (db) => participantHome(eventFor(db, participant, '/'))],
		['the participant’s own access log', (db) => ownAccessLog(eventFor(db, participant, '/logboek'))],
		[
			'a sign-in with a password',
			(db) => {
				const form = new URLSearchParams({ email, password: PASSWORD });
				const event = eventFor(db, null, '/inloggen') as { request: Request };
				event.request = new Request('http://localhost/inloggen', { method: 'POST', body: form });
				return signInActions.default!(event as never);
			}
		]
	];

	it.each(pages)('%s', async (_name, run) => {
		const statements = await sentBy(run);
		expect(statements.length, 'the page reads the database').toBeGreaterThan(0);
		expect(await wholeTableReads(statements)).toEqual([]);
	});
});

describe('the check itself', () => {
	it('names a growing table a statement reads whole', async () => {
		const whole = { sql: 'select id from person where phone = $1', params: ['010 1234567'] };
		expect(await wholeTableReads([whole])).toEqual([`person: ${whole.sql}`]);
	});
});
