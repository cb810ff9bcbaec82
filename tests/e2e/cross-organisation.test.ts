/**
 * No cross-organisation leak (issue 24, item 1). A coordinator, a trainer and a participant of a
 * second organisation B request every route of the route inventory with ids of the demo
 * organisation A in every route, query and form parameter — one parameter at a time, the others
 * filled with B's own ids so that the checks behind the first one run too. An id of A must be
 * answered exactly as an id nobody has; no answer (HTML, `__data.json`, CSV) may hold a name, email
 * or text of A; no access-log row under B may name a participant of A; A's data stays as it was;
 * and A's participants' own "who viewed my data" never lists anyone of B.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { record } from '../../src/lib/server/audit/record';
import { loadActor } from '../../src/lib/server/auth/actor';
import { importStarterCurriculum } from '../../src/lib/server/curriculum/import';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import {
	checkIn,
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
	signInLink
} from '../../src/lib/server/db/schema';
import { buildGroup, buildOrganisation, buildPerson } from '../helpers/builders';
import { demo } from './browser';

type AccessTable = (typeof import('./route-inventory.test'))['accessTable'];
type Role = 'participant' | 'trainer' | 'coordinator';
const roles: Role[] = ['participant', 'trainer', 'coordinator'];

const nobody = '00000000-0000-4000-8000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ITEM_KEY = /^eigen-[0-9a-f]{32}$/;
/** Values the route inventory uses where an id that is not a uuid belongs. */
const NON_UUID_IDS = new Set(['geen-id', 'niet-een-id', 'niet-van-jou']);
/** Route parameters that carry the id of a row (module numbers, step keys and tokens do not). */
const ID_PARAMS = new Set(['groep', 'deelnemer', 'sessie', 'doel', 'id']);
/** The kinds of A's ids a parameter of that name is meant for; every other kind is tried once too. */
const MEANT_FOR: Record<string, Kind[]> = {
	groep: ['group'],
	deelnemer: ['person'],
	persoon: ['person'],
	medewerker: ['person'],
	trainer: ['person'],
	aanwezig: ['person'],
	sessie: ['group_session', 'auth_session'],
	doel: ['goal'],
	doelId: ['goal'],
	stap: ['goal_step', 'item_key'],
	opdracht: ['home_practice'],
	verzoek: ['help_request'],
	sleutel: ['passkey'],
	id: ['media', 'group_item']
};

type Kind =
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
	| 'home_practice'
	| 'group_item'
	| 'item_key'
	| 'check_in'
	| 'login_card'
	| 'invitation'
	| 'media'
	| 'passkey'
	| 'audit_event';

/** Requests the inventory does not make, for ids that come from a query or a form field. */
const extraProbes: { routeId: string; request: string; body?: Record<string, string>; status?: number }[] = [
	{ routeId: '/(admin)/beheer/logboek', request: `GET /beheer/logboek?deelnemer=${nobody}`, status: 404 },
	{ routeId: '/(admin)/beheer/logboek', request: `GET /beheer/logboek?medewerker=${nobody}`, status: 404 },
	{
		routeId: '/(admin)/beheer/logboek/export',
		request: `GET /beheer/logboek/export?deelnemer=${nobody}`,
		status: 404
	},
	{
		routeId: '/(admin)/beheer/logboek/export',
		request: `GET /beheer/logboek/export?medewerker=${nobody}`,
		status: 404
	},
	{
		routeId: '/(trainer)/trainer/groepen/[groep]/voorbereiding',
		request: `GET /trainer/groepen/${nobody}/voorbereiding?sessie=${nobody}`
	},
	{
		routeId: '/(admin)/beheer/groepen/nieuw',
		request: 'POST /beheer/groepen/nieuw',
		body: {
			naam: 'Groep cross-organisatie',
			locatie: 'Zaal 2',
			weekdag: '2',
			tijd: '10:00',
			startdatum: '2027-01-05',
			einddatum: '2027-02-23',
			vrije_dagen: '',
			trainer: nobody
		},
		status: 409
	}
];

let database: Database;
let base: string;
const marker = randomBytes(5).toString('hex');
const cookies = {} as Record<Role, string>;
let organisationA: string;
let organisationB: string;
let participantA: Actor;
let groupA: { id: string };
let participantACookie: string;
let annaCookie: string;
const b = {} as { group: string; session: string; participant: string; goal: string; names: string[] };
const ids = {} as Record<Kind, string[]>;
const secrets: string[] = [];
let fingerprintBefore: string;
let table: AccessTable;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function query<T = Record<string, string>>(text: string, values: unknown[] = []): Promise<T[]> {
	return (await database.pool.query(text, values)).rows as T[];
}

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
	organisationB = org.id;
	await importStarterCurriculum(db, fs.mkdtempSync(path.join(os.tmpdir(), 'herstelpad-cross-')), org.id);
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
	Object.assign(b, {
		group: group.id,
		session: sessions[0]!.id,
		participant: participant.personId,
		goal: goal!.id,
		names: [coordinator.displayName, trainer.displayName, participant.displayName, org.name]
	});
	cookies.coordinator = (await sessionCookie(coordinator.userId, true)).cookie;
	cookies.trainer = (await sessionCookie(trainer.userId, true)).cookie;
	cookies.participant = (await sessionCookie(participant.userId, false)).cookie;
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
	await of('home_practice', byGroup('home_practice'));
	await of('group_item', byGroup('group_item'));
	ids.item_key = ids.group_item.map((id) => `eigen-${id.replaceAll('-', '')}`);
	await of('check_in', byPerson('check_in'));
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
		'Opdracht',
		'Antwoord',
		'Eigen onderdeel',
		'Tekst',
		'Bespreken',
		'Onderwerp',
		'Notitie',
		'Later'
	];
	secrets.push(
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
			union all select concat_ws(',', 'practice', h.id, h.text::text, h.answer_kind) from home_practice h join course_group g on g.id = h.group_id where g.organisation_id = $1
			union all select concat_ws(',', 'answer', a.practice_id, a.person_id, a.answer, a.feedback) from home_practice_answer a join person p on p.id = a.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'attendance', a.session_id, a.person_id, a.status) from session_attendance a join person p on p.id = a.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'item', i.id, i.title) from group_item i join course_group g on g.id = i.group_id where g.organisation_id = $1
			union all select concat_ws(',', 'card', c.id, c.used_at, c.revoked_at) from login_card c join person p on p.id = c.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'intake', i.person_id, i.path, i.updated_at) from digital_intake i join person p on p.id = i.person_id where p.organisation_id = $1
			union all select concat_ws(',', 'checkin', c.id, c.bring_up) from check_in c join person p on p.id = c.person_id where p.organisation_id = $1
		) rows`,
		[organisationA]
	);
	return row!.digest;
}

beforeAll(async () => {
	// Imported here, not at the top: a test file's suites register only while the file is collected,
	// so the route inventory's own tests do not run a second time in this file.
	({ accessTable: table } = await import('./route-inventory.test'));
	base = inject('baseUrl');
	database = openDatabase(inject('appDatabaseUrl'), 2);
	await makeOrganisationB();
	await makeDataOfA();
	await collectIdsOfA();
	await collectSecretsOfA();
	fingerprintBefore = await fingerprintOfA();
});

afterAll(async () => {
	// A's extra group and participant go again, so later browser tests meet the demo as it was.
	await query('delete from course_group where id = $1', [groupA.id]);
	await query('delete from person where id = $1', [participantA.personId]);
	await query('delete from "user" where id = $1', [participantA.userId]);
	await database.close();
});

interface Answer {
	status: number;
	location: string | null;
	text: string;
}

async function send(
	who: Role,
	method: string,
	target: string,
	body?: Record<string, string>
): Promise<Answer> {
	const response = await fetch(base + target, {
		method,
		redirect: 'manual',
		headers: {
			cookie: cookies[who],
			accept: 'text/html',
			origin: base,
			...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
		},
		body: body ? new URLSearchParams(body) : undefined
	});
	const location = response.headers.get('location');
	return {
		status: response.status,
		location: location && new URL(location, base).pathname,
		text: (await response.text()) + (location ?? '')
	};
}

type Slot =
	| { where: 'path'; index: number; name: string }
	| { where: 'query' | 'body'; key: string }
	| { where: 'bodyKey'; key: string; name: string };

interface Probe {
	routeId: string;
	method: string;
	path: string;
	search: string;
	body?: Record<string, string>;
	page: boolean;
	status?: number;
}

const isIdValue = (value: string) => UUID.test(value) || ITEM_KEY.test(value) || NON_UUID_IDS.has(value);

function slotsOf(probe: Probe): Slot[] {
	const slots: Slot[] = [];
	const routeSegments = probe.routeId.split('/').filter((part) => part && !part.startsWith('('));
	probe.path
		.split('/')
		.filter(Boolean)
		.forEach((_, index) => {
			const name = routeSegments[index]?.match(/^\[(\w+)\]$/)?.[1];
			if (name && ID_PARAMS.has(name)) slots.push({ where: 'path', index, name });
		});
	if (!probe.search.startsWith('?/'))
		for (const [key, value] of new URLSearchParams(probe.search))
			if (isIdValue(value)) slots.push({ where: 'query', key });
	for (const [key, value] of Object.entries(probe.body ?? {})) {
		const inKey = key.match(/^(\w+)-([0-9a-f-]{36})$/);
		if (inKey && UUID.test(inKey[2]!)) slots.push({ where: 'bodyKey', key, name: inKey[1]! });
		else if (isIdValue(value)) slots.push({ where: 'body', key });
	}
	return slots;
}

/** B's own id for a parameter of this name, so that the parameter under test is the one refused. */
function ownIdOf(name: string): string | undefined {
	return {
		groep: b.group,
		sessie: b.session,
		deelnemer: b.participant,
		persoon: b.participant,
		doel: b.goal,
		doelId: b.goal
	}[name];
}

/** The probe with `value` in `slot` and B's own ids in every other id parameter. */
function fill(probe: Probe, slot: Slot, value: string): { target: string; body?: Record<string, string> } {
	const segments = probe.path.split('/').filter(Boolean);
	const routeSegments = probe.routeId.split('/').filter((part) => part && !part.startsWith('('));
	const pathname =
		'/' +
		segments
			.map((segment, index) => {
				if (slot.where === 'path' && slot.index === index) return value;
				const name = routeSegments[index]?.match(/^\[(\w+)\]$/)?.[1];
				return (name && ownIdOf(name)) ?? segment;
			})
			.join('/');
	let search = probe.search;
	if (!search.startsWith('?/') && search) {
		const params = new URLSearchParams(search);
		for (const [key, current] of [...params])
			if (slot.where === 'query' && slot.key === key) params.set(key, value);
			else if (isIdValue(current)) params.set(key, ownIdOf(key) ?? current);
		search = `?${params}`;
	}
	let body: Record<string, string> | undefined;
	if (probe.body) {
		body = {};
		for (const [key, current] of Object.entries(probe.body)) {
			if (slot.where === 'bodyKey' && slot.key === key) body[`${slot.name}-${value}`] = current;
			else if (slot.where === 'body' && slot.key === key) body[key] = value;
			else body[key] = isIdValue(current) ? (ownIdOf(key) ?? current) : current;
		}
	}
	return { target: pathname + search, body };
}

function slotName(slot: Slot): string {
	return slot.where === 'path' || slot.where === 'bodyKey' ? slot.name : slot.key;
}

/** The role whose area the route is in; null for routes every role uses (account, sign-in, api). */
function areaRoleOf(routeId: string): Role | null {
	if (routeId.startsWith('/(participant)')) return 'participant';
	if (routeId.startsWith('/(trainer)')) return 'trainer';
	if (routeId.startsWith('/(admin)')) return 'coordinator';
	return null;
}

/**
 * A's ids to try in a slot: every id of the kinds it is meant for and one of every other kind. A
 * role refused at the area's door (before any id is looked at) tries one of each meant kind and
 * one person and one group, to keep the run short.
 */
function candidatesFor(slot: Slot, inArea: boolean): string[] {
	const meant = MEANT_FOR[slotName(slot)] ?? [];
	const chosen = inArea
		? meant.flatMap((kind) => ids[kind] ?? [])
		: meant.flatMap((kind) => ids[kind]?.slice(0, 1) ?? []);
	const others = inArea ? (Object.keys(ids) as Kind[]) : (['person', 'group'] as Kind[]);
	for (const kind of others) if (!meant.includes(kind) && ids[kind]?.[0]) chosen.push(ids[kind][0]);
	return [...new Set(chosen)];
}

/** An id nobody has, of the same shape as `id`. */
function unknownLike(id: string): string {
	if (UUID.test(id)) return randomUUID();
	if (/^\d+$/.test(id)) return '9' + '0'.repeat(Math.max(0, id.length));
	if (ITEM_KEY.test(id)) return `eigen-${randomUUID().replaceAll('-', '')}`;
	return randomBytes(Math.max(4, Math.ceil((id.length * 3) / 4))).toString('base64url');
}

const shapeOf = (id: string) =>
	UUID.test(id) ? 'uuid' : /^\d+$/.test(id) ? 'number' : ITEM_KEY.test(id) ? 'item' : `text${id.length}`;

function probes(accessTable: AccessTable): Probe[] {
	const all = [
		...Object.entries(accessTable).flatMap(([routeId, entries]) =>
			entries.map((entry) => ({
				routeId,
				request: entry.request,
				body: entry.body,
				status: undefined as number | undefined
			}))
		),
		...extraProbes
	];
	return all
		.filter((entry) => entry.request !== 'POST /uitloggen') // would end B's sessions
		.map((entry) => {
			const [method, target] = entry.request.split(' ') as [string, string];
			const url = new URL(target, 'http://x');
			const folder = path.join('src/routes', ...entry.routeId.split('/'));
			return {
				routeId: entry.routeId,
				method,
				path: url.pathname,
				search: url.search,
				body: entry.body,
				page: method === 'GET' && fs.existsSync(path.join(folder, '+page.svelte')),
				status: entry.status
			};
		});
}

/** Runs `work` over `items`, `width` at a time. */
async function eachLimited<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < items.length) await work(items[next++]!);
		})
	);
}

const dataPath = (target: string) => {
	const url = new URL(target, 'http://x');
	return `${url.pathname.replace(/\/$/, '')}/__data.json${url.search}`;
};

function leaked(text: string): string[] {
	return secrets.filter((secret) => text.includes(secret));
}

describe('organisation B, with every id of organisation A', () => {
	it('is answered as for an id nobody has, learns no name, email or text of A, and changes nothing of A', async () => {
		const problems: string[] = [];
		const jobs: (() => Promise<void>)[] = [];
		let requests = 0;
		for (const probe of probes(table)) {
			const slots = slotsOf(probe);
			const areaRole = areaRoleOf(probe.routeId);
			for (const who of roles) {
				const inArea = areaRole === null || areaRole === who;
				const check = async (label: string, answer: Answer, expected?: Answer) => {
					requests++;
					const found = leaked(answer.text);
					if (found.length) problems.push(`${who} ${label}: shows ${found.join(', ')}`);
					if (expected && (answer.status !== expected.status || answer.location !== expected.location))
						problems.push(
							`${who} ${label}: ${answer.status} ${answer.location ?? ''} where an unknown id gets ${expected.status} ${expected.location ?? ''}`
						);
				};
				if (slots.length === 0) {
					jobs.push(async () => {
						const target = probe.path + probe.search;
						await check(`${probe.method} ${target}`, await send(who, probe.method, target, probe.body));
						if (probe.page) await check(`GET ${dataPath(target)}`, await send(who, 'GET', dataPath(target)));
					});
					continue;
				}
				for (const slot of slots) {
					const candidates = candidatesFor(slot, inArea);
					const shapes = new Map<string, string>();
					for (const id of candidates) shapes.set(shapeOf(id), shapes.get(shapeOf(id)) ?? unknownLike(id));
					jobs.push(async () => {
						const baseline = new Map<string, { page: Answer; data?: Answer }>();
						for (const [shape, unknown] of shapes) {
							const { target, body } = fill(probe, slot, unknown);
							const page = await send(who, probe.method, target, body);
							const data = probe.page && inArea ? await send(who, 'GET', dataPath(target)) : undefined;
							baseline.set(shape, { page, data });
							if (
								probe.status !== undefined &&
								who === 'coordinator' &&
								shape === 'uuid' &&
								page.status !== probe.status
							)
								problems.push(`${who} ${probe.method} ${target}: ${page.status}, expected ${probe.status}`);
						}
						for (const id of candidates) {
							const { target, body } = fill(probe, slot, id);
							const expected = baseline.get(shapeOf(id))!;
							const label = `${probe.method} ${target} ${body ? JSON.stringify(body) : ''} (${slotName(slot)})`;
							await check(label, await send(who, probe.method, target, body), expected.page);
							if (expected.data)
								await check(
									`GET ${dataPath(target)}`,
									await send(who, 'GET', dataPath(target)),
									expected.data
								);
						}
					});
				}
			}
		}
		const started = Date.now();
		await eachLimited(jobs, 6, (job) => job());
		console.log(`${requests} requests in ${Date.now() - started} ms`);
		expect(problems).toEqual([]);
		expect(await fingerprintOfA()).toBe(fingerprintBefore);
	}, 240_000);

	it('wrote no access-log row under B that names a participant of A', async () => {
		const rows = await query(
			`select event_type, actor_name, participant_id from audit_event
			where (organisation_id = $2 or actor_organisation_id = $2)
			and (participant_id in (select id from person where organisation_id = $1)
				or on_behalf_of_person_id in (select id from person where organisation_id = $1))`,
			[organisationA, organisationB]
		);
		expect(rows).toEqual([]);
	});

	it('B’s coordinator finds no one of A in the access-log viewer, its data or its export', async () => {
		for (const target of ['/beheer/logboek', '/beheer/logboek/__data.json', '/beheer/logboek/export']) {
			const answer = await send('coordinator', 'GET', target);
			expect(answer.status, target).toBe(200);
			expect(leaked(answer.text), target).toEqual([]);
		}
	});

	it('A’s participants do not find anyone of B in “who viewed my data”', async () => {
		for (const cookie of [participantACookie, annaCookie])
			for (const target of ['/logboek', '/logboek/__data.json']) {
				const response = await fetch(base + target, { headers: { cookie, accept: 'text/html' } });
				expect(response.status, target).toBe(200);
				const text = await response.text();
				expect(
					b.names.filter((name) => text.includes(name)),
					target
				).toEqual([]);
			}
	});
});
