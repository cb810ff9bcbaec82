/**
 * Two organisations in the running browser-test app's database, for the cross-organisation test:
 * A is the demo organisation, given one more participant in a group of its own with data of every
 * kind (goal, step, message, help request, board post, home practice and answer, own item, check-in, intake,
 * attendance, login card, invitation, a coping tool, someone in the support network, a log row); B is new, with a coordinator, a trainer, a
 * participant with a goal, a group with a calendar and the starter curriculum. Everyone gets a
 * session directly (staff with their second factor done), so no TOTP step is waited for.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../../src/lib/domain/policy';
import { record } from '../../src/lib/server/audit/record';
import { loadActor } from '../../src/lib/server/auth/actor';
import { importStarterCurriculum } from '../../src/lib/server/curriculum/import';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import {
	boardPost,
	checkIn,
	copingTool,
	digitalIntake,
	goalStep,
	groupItem,
	groupSession,
	helpRequest,
	homePractice,
	homePracticeAnswer,
	loginCard,
	message,
	recoveryGoal,
	session,
	sessionAttendance,
	signInLink,
	supportPerson
} from '../../src/lib/server/db/schema';
import { demo } from '../e2e/browser';
import { buildGroup, buildOrganisation, buildPerson } from './builders';

export type Role = 'participant' | 'trainer' | 'coordinator';

export type Kind =
	| 'organisation'
	| 'person'
	| 'user'
	| 'group'
	| 'group_session'
	| 'auth_session'
	| 'goal'
	| 'goal_step'
	| 'message'
	| 'help_request'
	| 'board_post'
	| 'home_practice'
	| 'group_item'
	| 'item_key'
	| 'check_in'
	| 'login_card'
	| 'invitation'
	| 'media'
	| 'passkey'
	| 'audit_event'
	| 'coping_tool'
	| 'support_person';

export interface TwoOrganisations {
	a: {
		organisationId: string;
		/** Ids of A by kind: the ones made here first, then a few more (the demo's own, other tests'). */
		ids: Record<Kind, string[]>;
		/** Names, emails, phone numbers and texts of A that B must never see. */
		secrets: string[];
		/** Cookies of two participants of A: the one made here and the demo's Anna. */
		participantCookies: string[];
	};
	b: {
		organisationId: string;
		group: string;
		session: string;
		participant: string;
		goal: string;
		/** The names of B's people and of B itself. */
		names: string[];
		cookies: Record<Role, string>;
	};
	/** A digest of A's rows that a request of B could change. */
	fingerprintOfA(): Promise<string>;
	/** Removes A's extra group and participant (later browser tests meet the demo as it was). */
	close(): Promise<void>;
}

let database: Database;
let marker: string;
let tempDir: string;
const cookies = {} as Record<Role, string>;
let organisationA: string;
let participantA: Actor;
let groupA: { id: string };
let participantACookie: string;
let annaCookie: string;
let b: TwoOrganisations['b'];
const ids = {} as Record<Kind, string[]>;
const secrets: string[] = [];

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A signed-in session made directly (staff with their second factor), as its cookie. */
async function sessionCookie(userId: string, staff: boolean): Promise<{ cookie: string; id: string }> {
	const token = randomBytes(32).toString('base64url');
	const id = randomUUID();
	await database.db.insert(session).values({
		id,
		token: sha256(token),
		userId,
		method: 'password',
		secondFactor: staff ? 'totp' : null,
		expiresAt: new Date(Date.now() + 6 * 3_600_000)
	});
	return { cookie: `herstelpad=${token}`, id };
}

/** Organisation B: a group with a trainer, a participant with a goal, a calendar, a coordinator, a curriculum. */
async function makeOrganisationB() {
	const db = database.db;
	const org = await buildOrganisation(db, `Organisatie B ${marker}`);
	await importStarterCurriculum(db, tempDir, org.id);
	const coordinator = await buildPerson(db, {
		organisationId: org.id,
		role: 'coordinator',
		name: `Bea B ${marker}`
	});
	const trainer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: `Bert B ${marker}`
	});
	const participant = await buildPerson(db, {
		organisationId: org.id,
		role: 'participant',
		name: `Bo B ${marker}`
	});
	const group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer],
		participants: [participant],
		name: `Groep B ${marker}`
	});
	const sessions = await db
		.insert(groupSession)
		.values([-7, 0, 7].map((offset) => ({ groupId: group.id, date: day(offset), startTime: '10:00' })))
		.returning({ id: groupSession.id });
	const [goal] = await db
		.insert(recoveryGoal)
		.values({ personId: participant.personId, lifeArea: 'work', text: 'Doel van B', isCurrent: true })
		.returning({ id: recoveryGoal.id });
	cookies.coordinator = (await sessionCookie(coordinator.userId, true)).cookie;
	cookies.trainer = (await sessionCookie(trainer.userId, true)).cookie;
	cookies.participant = (await sessionCookie(participant.userId, false)).cookie;
	b = {
		organisationId: org.id,
		group: group.id,
		session: sessions[0]!.id,
		participant: participant.personId,
		goal: goal!.id,
		names: [coordinator.displayName, trainer.displayName, participant.displayName, org.name],
		cookies
	};
}

/** Data of every kind in organisation A, in a group of its own (other browser tests use the demo group). */
async function makeDataOfA() {
	const db = database.db;
	const [coordinator] = await query<{ organisation_id: string }>(
		'select p.organisation_id from person p join "user" u on u.id = p.user_id where u.email = $1',
		[demo.coordinator]
	);
	organisationA = coordinator!.organisation_id;
	participantA = await buildPerson(db, {
		organisationId: organisationA,
		role: 'participant',
		name: `Ida Geheim ${marker}`,
		phone: `06 ${marker}`
	});
	groupA = await buildGroup(db, {
		organisationId: organisationA,
		participants: [participantA],
		name: `Groep Geheim ${marker}`
	});
	const [past] = await db
		.insert(groupSession)
		.values([
			{
				groupId: groupA.id,
				date: day(-14),
				startTime: '10:00',
				topic: `Onderwerp ${marker}`,
				notes: `Notitie ${marker}`
			},
			{ groupId: groupA.id, date: day(14), startTime: '10:00', topic: `Later ${marker}` }
		])
		.returning({ id: groupSession.id });
	const person = participantA.personId;
	const [goal] = await db
		.insert(recoveryGoal)
		.values({
			personId: person,
			lifeArea: 'work',
			text: `Doel ${marker}`,
			why: `Waarom ${marker}`,
			isCurrent: true
		})
		.returning({ id: recoveryGoal.id });
	const [step] = await db
		.insert(goalStep)
		.values({ goalId: goal!.id, personId: person, text: `Stap ${marker}` })
		.returning({ id: goalStep.id });
	await db
		.insert(message)
		.values({ personId: person, groupId: groupA.id, authorPersonId: person, body: `Bericht ${marker}` });
	await db.insert(helpRequest).values({ personId: person, groupId: groupA.id, fromPath: '/modules' });
	await db
		.insert(boardPost)
		.values({ groupId: groupA.id, authorPersonId: person, body: `Prikbord ${marker}` });
	const [practice] = await db
		.insert(homePractice)
		.values({
			groupId: groupA.id,
			sessionId: past!.id,
			text: { nl: `Opdracht ${marker}`, en: `Practice ${marker}` }
		})
		.returning({ id: homePractice.id });
	await db
		.insert(homePracticeAnswer)
		.values({ practiceId: practice!.id, personId: person, answer: `Antwoord ${marker}` });
	await db.insert(groupItem).values({
		groupId: groupA.id,
		moduleNumber: 1,
		kind: 'text',
		title: `Eigen onderdeel ${marker}`,
		body: `Tekst ${marker}`,
		bodyHtml: `<p>Tekst ${marker}</p>`
	});
	await db.insert(checkIn).values({
		personId: person,
		groupId: groupA.id,
		weekStart: day(-14),
		idempotencyKey: randomUUID(),
		worked: 'a_bit',
		closeness: 3,
		bringUp: `Bespreken ${marker}`,
		goalId: goal!.id,
		stepId: step!.id
	});
	await db.insert(digitalIntake).values({
		personId: person,
		device: 'tablet',
		internetAtHome: true,
		hasEmail: true,
		confidence: 3,
		helpWanted: false,
		path: 'own_device'
	});
	await db.insert(sessionAttendance).values({ sessionId: past!.id, personId: person, status: 'present' });
	await db.insert(copingTool).values({ personId: person, ownText: `Manier ${marker}`, rating: 4 });
	await db
		.insert(supportPerson)
		.values({ personId: person, name: `Steun ${marker}`, kinds: ['talk'], frequency: 'weekly' });
	await db.insert(loginCard).values({
		personId: person,
		codeHash: sha256(randomUUID()),
		expiresAt: new Date(Date.now() + 86_400_000)
	});
	await db.insert(signInLink).values({
		personId: person,
		purpose: 'invitation',
		tokenHash: sha256(randomUUID()),
		expiresAt: new Date(Date.now() + 86_400_000)
	});
	// A read of A's data by A's trainer, so that A's log has a row of its own to point at.
	const [tom] = await query<{ user_id: string }>('select id as user_id from "user" where email = $1', [
		demo.trainer
	]);
	const trainer = await loadActor(db, tom!.user_id);
	await record(db, {
		eventType: 'goal.read',
		action: 'R',
		actor: trainer,
		participantId: person,
		object: { type: 'goal', id: goal!.id }
	});
	participantACookie = (await sessionCookie(participantA.userId, false)).cookie;
	const [anna] = await query<{ id: string }>('select id from "user" where email = $1', [demo.participant]);
	annaCookie = (await sessionCookie(anna!.id, false)).cookie;
}

/** A's ids by kind: those made above first, then a few more of A's (the demo's own, other tests'). */
async function collectIdsOfA() {
	const a = organisationA;
	const of = async (kind: Kind, text: string) => {
		const rows = await query<{ id: string }>(text, [a]);
		ids[kind] = [...new Set(rows.map((row) => String(row.id)))];
	};
	const byPerson = (table: string, order = 'id') =>
		`select t.id::text from ${table} t join person p on p.id = t.person_id where p.organisation_id = $1 order by (p.display_name like 'Ida Geheim%') desc, t.${order} desc limit 3`;
	const byGroup = (table: string) =>
		`select t.id::text from ${table} t join course_group g on g.id = t.group_id where g.organisation_id = $1 order by (g.name like 'Groep Geheim%') desc, t.id limit 3`;
	ids.organisation = [a];
	// Every participant of A would make a long run: the new one, three of the demo's, and every
	// other role (trainers, coordinators) once.
	await of(
		'person',
		`(select id from person where organisation_id = $1 and role = 'participant'
			order by (display_name like 'Ida Geheim%') desc, display_name limit 4)
		union all (select distinct on (role) id from person where organisation_id = $1 and role <> 'participant'
			order by role, display_name)`
	);
	await of(
		'user',
		'select user_id as id from person where organisation_id = $1 and user_id is not null limit 3'
	);
	await of(
		'group',
		`select id from course_group where organisation_id = $1 order by (name like 'Groep Geheim%') desc, name limit 3`
	);
	await of('group_session', byGroup('group_session'));
	await of(
		'auth_session',
		`select s.id from session s join person p on p.user_id = s.user_id where p.organisation_id = $1 limit 3`
	);
	await of('goal', byPerson('recovery_goal'));
	await of('goal_step', byPerson('goal_step'));
	await of('message', byPerson('message'));
	await of('help_request', byPerson('help_request'));
	await of('board_post', byGroup('board_post'));
	await of('home_practice', byGroup('home_practice'));
	await of('group_item', byGroup('group_item'));
	ids.item_key = ids.group_item.map((id) => `eigen-${id.replaceAll('-', '')}`);
	await of('check_in', byPerson('check_in'));
	await of('coping_tool', byPerson('coping_tool'));
	await of('support_person', byPerson('support_person'));
	await of('login_card', byPerson('login_card'));
	await of('invitation', byPerson('sign_in_link'));
	await of('media', 'select id from media where organisation_id = $1 limit 3');
	await of(
		'passkey',
		`select k.id from passkey k join person p on p.user_id = k.user_id where p.organisation_id = $1 limit 3`
	);
	await of(
		'audit_event',
		'select id::text from audit_event where organisation_id = $1 and participant_id is not null order by id desc limit 3'
	);
}

/** Names, emails and phone numbers of everyone in A, A's and its groups' names, and the texts made above. */
async function collectSecretsOfA() {
	const people = await query<{ name: string; email: string | null; phone: string | null }>(
		`select p.display_name as name, u.email, p.phone from person p left join "user" u on u.id = p.user_id
		where p.organisation_id = $1`,
		[organisationA]
	);
	const names = await query<{ name: string }>(
		`select name from organisation where id = $1 union all select name from course_group where organisation_id = $1`,
		[organisationA]
	);
	const texts = [
		'Doel',
		'Waarom',
		'Stap',
		'Bericht',
		'Prikbord',
		'Opdracht',
		'Antwoord',
		'Eigen onderdeel',
		'Tekst',
		'Bespreken',
		'Onderwerp',
		'Notitie',
		'Later',
		'Manier',
		'Steun'
	];
	// What A's participants wrote in their toolbox and network (the demo's too).
	const workbook = await query<{ text: string }>(
		`select t.own_text as text from coping_tool t join person p on p.id = t.person_id
			where p.organisation_id = $1 and t.own_text is not null
		union all select s.name from support_person s join person p on p.id = s.person_id where p.organisation_id = $1`,
		[organisationA]
	);
	secrets.push(
		...workbook.map((row) => row.text),
		...people.flatMap((row) => [row.name, row.email ?? '', row.phone ?? '']),
		...names.map((row) => row.name),
		...texts.map((text) => `${text} ${marker}`)
	);
	// Very short names could be ordinary words on any page; every demo and test name is longer.
	const kept = [...new Set(secrets.filter((secret) => secret.length >= 6))];
	secrets.splice(0, secrets.length, ...kept);
}

/** A digest of A's rows that a request of B could change. */
async function fingerprintOfA(): Promise<string> {
	const [row] = await query<{ digest: string }>(
		`select md5(coalesce(string_agg(x, '|' order by x), '')) as digest from (
			select concat_ws(',', 'person', id, display_name, deactivated_at, preferred_locale) as x from person where organisation_id = $1
			union all select concat_ws(',', 'group', id, name, location, weekday, start_time, start_date, end_date) from course_group where organisation_id = $1
			union all select concat_ws(',', 'member', m.group_id, m.person_id, m.joined_at, m.left_at) from group_member m
				where m.group_id in (select id from course_group where organisation_id = $1)
				or m.person_id in (select id from person where organisation_id = $1)
			union all select concat_ws(',', 'trainer', t.group_id, t.person_id) from group_trainer t
				where t.group_id in (select id from course_group where organisation_id = $1)
			union all select concat_ws(',', 'session', s.id, s.date, s.start_time, s.status, s.cancel_reason, s.module_number, s.topic, s.notes)
				from group_session s join course_group g on g.id = s.group_id where g.organisation_id = $1
			union all select concat_ws(',', 'goal', r.id, r.text, r.why, r.status, r.is_current) from recovery_goal r join person p on p.id = r.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'step', s.id, s.text, s.status) from goal_step s join person p on p.id = s.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'message', m.id, m.body) from message m join person p on p.id = m.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'read', r.reader_person_id, r.person_id, r.read_at) from message_read r join person p on p.id = r.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'help', h.id, h.closed_at, h.close_note) from help_request h join person p on p.id = h.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'board', b.id, b.body, b.status, b.moderation_reason) from board_post b join course_group g on g.id = b.group_id where g.organisation_id = $1
			union all select concat_ws(',', 'reaction', r.post_id, r.person_id, r.word) from board_reaction r join person p on p.id = r.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'report', r.post_id, r.reporter_person_id, r.handled_at) from board_report r join person p on p.id = r.reporter_person_id where p.organisation_id = $1
			union all select concat_ws(',', 'practice', h.id, h.text::text, h.answer_kind) from home_practice h join course_group g on g.id = h.group_id where g.organisation_id = $1
			union all select concat_ws(',', 'answer', a.practice_id, a.person_id, a.answer, a.feedback) from home_practice_answer a join person p on p.id = a.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'attendance', a.session_id, a.person_id, a.status) from session_attendance a join person p on p.id = a.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'item', i.id, i.title) from group_item i join course_group g on g.id = i.group_id where g.organisation_id = $1
			union all select concat_ws(',', 'card', c.id, c.used_at, c.revoked_at) from login_card c join person p on p.id = c.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'intake', i.person_id, i.path, i.updated_at) from digital_intake i join person p on p.id = i.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'checkin', c.id, c.bring_up) from check_in c join person p on p.id = c.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'tool', t.id, t.suggestion_key, t.own_text, t.rating) from coping_tool t join person p on p.id = t.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'supporter', s.id, s.name, s.kinds::text, s.frequency) from support_person s join person p on p.id = s.person_id where p.organisation_id = $1
		) rows`,
		[organisationA]
	);
	return row!.digest;
}

/** Makes A's extra data and organisation B in the app's database at `url`. */
export async function setUpTwoOrganisations(url: string): Promise<TwoOrganisations> {
	database = openDatabase(url, 2);
	marker = randomBytes(5).toString('hex');
	tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-cross-'));
	await makeOrganisationB();
	await makeDataOfA();
	await collectIdsOfA();
	await collectSecretsOfA();
	return {
		a: {
			organisationId: organisationA,
			ids,
			secrets,
			participantCookies: [participantACookie, annaCookie]
		},
		b,
		fingerprintOfA,
		close: async () => {
			await query('delete from course_group where id = $1', [groupA.id]);
			await query('delete from person where id = $1', [participantA.personId]);
			await query('delete from "user" where id = $1', [participantA.userId]);
			await database.close();
			fs.rmSync(tempDir, { recursive: true, force: true });
		}
	};
}

/** Rows of a query on the app's database. */
export async function query<T = Record<string, string>>(text: string, values: unknown[] = []): Promise<T[]> {
	return (await database.pool.query(text, values)).rows as T[];
}
