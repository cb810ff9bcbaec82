/**
 * No cross-organisation leak (issue 24, item 1). A coordinator, a trainer and a participant of a
 * second organisation B request every route of the route inventory with ids of the demo
 * organisation A in every route, query and form parameter — one parameter at a time, the others
 * filled with B's own ids so that the checks behind the first one run too. An id of A must be
 * answered exactly as an id nobody has; no answer (HTML, `__data.json`, CSV) may hold a name, email
 * or text of A; no access-log row under B may name a participant of A; A's data stays as it was;
 * and A's participants' own "who viewed my data" never lists anyone of B.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { answerText } from '../helpers/sse';
import {
	query,
	setUpTwoOrganisations,
	type Kind,
	type Role,
	type TwoOrganisations
} from '../helpers/two-organisations';

type AccessTable = (typeof import('./route-inventory.test'))['accessTable'];
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
	bericht: ['board_post'],
	sleutel: ['passkey'],
	id: ['media', 'group_item', 'coping_tool', 'support_person']
};

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

let base: string;
let two: TwoOrganisations;
let fingerprintBefore: string;
let table: AccessTable;

beforeAll(async () => {
	// Imported here, not at the top: a test file's suites register only while the file is collected,
	// so the route inventory's own tests do not run a second time in this file.
	({ accessTable: table } = await import('./route-inventory.test'));
	base = inject('baseUrl');
	two = await setUpTwoOrganisations(inject('appDatabaseUrl'));
	fingerprintBefore = await two.fingerprintOfA();
});

afterAll(async () => {
	await two?.close();
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
			cookie: two.b.cookies[who],
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
		text: (await answerText(response)) + (location ?? '')
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
	const { b } = two;
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
	const ids = two.a.ids;
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
				page:
					method === 'GET' &&
					['+page.svelte', '+page@.svelte'].some((file) => fs.existsSync(path.join(folder, file))),
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
	return two.a.secrets.filter((secret) => text.includes(secret));
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
		expect(await two.fingerprintOfA()).toBe(fingerprintBefore);
	}, 240_000);

	it('wrote no access-log row under B that names a participant of A', async () => {
		const rows = await query(
			`select event_type, actor_name, participant_id from audit_event
			where (organisation_id = $2 or actor_organisation_id = $2)
			and (participant_id in (select id from person where organisation_id = $1)
				or on_behalf_of_person_id in (select id from person where organisation_id = $1))`,
			[two.a.organisationId, two.b.organisationId]
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
		for (const cookie of two.a.participantCookies)
			for (const target of ['/logboek', '/logboek/__data.json']) {
				const response = await fetch(base + target, { headers: { cookie, accept: 'text/html' } });
				expect(response.status, target).toBe(200);
				const text = await response.text();
				expect(
					two.b.names.filter((name) => text.includes(name)),
					target
				).toEqual([]);
			}
	});
});
