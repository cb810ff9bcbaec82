/**
 * Hostile input never gives a 5xx (issue 24, item 2). Every request of the route inventory is sent
 * as each role with hostile strings (NUL and other control characters, lone surrogates as raw
 * bytes, bidi overrides, 100,000 characters, `../`, non-UUID ids, huge numbers) in one of its form
 * fields, its URL ids or its query, as a URL-encoded or a multipart form (with a hostile file name).
 * Ids in the table that name nobody are replaced by real ones of the demo organisation, so the
 * hostile text reaches the commands behind the checks. The answer must be a 4xx or a success, and
 * afterwards no refused character is stored anywhere. The app is a separate instance, so what this
 * test stores never meets the other browser tests.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApp, stopApp, waitFor, type AppProcess } from '../helpers/app';
import { signInOverHttp } from '../helpers/sign-in';
import { demo } from './browser';
import { accessTable } from './route-inventory.test';

type Who = 'anonymous' | 'participant' | 'trainer' | 'coordinator';
const whos: Who[] = ['anonymous', 'participant', 'trainer', 'coordinator'];
const nobody = '00000000-0000-4000-8000-000000000000';

/** A lone surrogate, sent as its raw (invalid UTF-8) bytes: a browser never does, an attacker can. */
const LONE = '\uD800';
/** Named, so a failure names the value instead of printing 100,000 characters. */
const hostileValues: Record<string, string> = {
	nul: 'hallo\u0000',
	onlyNul: '\u0000',
	idWithNul: `${nobody}\u0000`,
	controls: 'a\u0001b\u001b[31mrood\u007f\u0085',
	loneHigh: `half ${LONE} teken`,
	loneLow: '\uDC00',
	rtlOverride: 'Anna\u202Egpj.exe\u202C',
	isolates: '\u2066omgekeerd\u2069',
	long: 'x'.repeat(100_000),
	emoji: '😀'.repeat(3000),
	dotDot: '../../../etc/passwd',
	encodedDotDot: '..%2F..%2F%00',
	notAnId: 'niet-een-id',
	hugeNumber: '1e400',
	manyDigits: '9'.repeat(400),
	negative: '-1',
	decomposedCrlf: 'e\u0301\r\nregel\r',
	sql: "'; drop table person; --",
	html: '<script>alert(1)</script>'
};
/** A named hostile value, or a short random string (which fast-check prints as it is). */
const hostile = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...Object.keys(hostileValues)).map((name) => `@${name}`) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }
);
const valueOf = (choice: string) =>
	choice.startsWith('@') ? (hostileValues[choice.slice(1)] ?? choice) : choice;

/** URL-encodes text as WTF-8: a lone surrogate becomes its three raw bytes instead of U+FFFD. */
function encode(value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const unit = value.charCodeAt(i);
		const next = value.charCodeAt(i + 1);
		if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
			out += encodeURIComponent(value.slice(i, i + 2));
			i++;
		} else if (unit >= 0xd800 && unit <= 0xdfff) {
			out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
				.map((byte) => `%${byte.toString(16).toUpperCase()}`)
				.join('');
		} else out += encodeURIComponent(value[i]!);
	}
	return out;
}

let app: AppProcess;
let db: pg.Client;
const cookies: Partial<Record<Who, string>> = {};
/** Real ids of the demo organisation, standing in for `nobody` in the table's requests. */
const real = {
	group: nobody,
	session: nobody,
	participant: nobody,
	goal: nobody,
	practice: nobody,
	helpRequest: nobody,
	/** The participant's own way of coping and someone in their network (the demo gives them both). */
	tool: nobody,
	supporter: nobody
};

/**
 * Requests with valid input, so a hostile value in one field gets past the other fields' checks and
 * reaches the command (the table's own bodies are mostly invalid on purpose).
 */
const deeper: { routeId: string; request: string; body: Record<string, string> }[] = [
	{
		routeId: '/(admin)/beheer/groepen/nieuw',
		request: 'POST /beheer/groepen/nieuw',
		body: {
			naam: 'Vijandige groep',
			locatie: 'Zaal 1',
			weekdag: '4',
			tijd: '10:00',
			startdatum: '2027-01-07',
			einddatum: '2027-03-25',
			vrije_dagen: '2027-02-18'
		}
	},
	{
		routeId: '/(admin)/beheer/groepen/[groep]',
		request: `POST /beheer/groepen/${nobody}?/add`,
		body: { datum: '2027-06-02', tijd: '10:00', onderwerp: 'Extra' }
	},
	{
		routeId: '/(trainer)/trainer/groepen/[groep]/sessies',
		request: `POST /trainer/groepen/${nobody}/sessies?/add`,
		body: { datum: '2027-06-09', tijd: '10:00', onderwerp: 'Extra' }
	},
	{
		routeId: '/(participant)/doel/nieuw',
		request: 'POST /doel/nieuw',
		body: { vraag: 'week', gebied: 'work', doel: 'Werk vinden', waarom: 'Geld', stap: 'Mijn cv', week: '' }
	},
	{
		routeId: '/(participant)/doel/[doel]',
		request: `POST /doel/${nobody}?/change`,
		body: { wijziging: 'edit', doel: 'Ander werk', reden: 'Past beter' }
	},
	{
		routeId: '/(participant)/doel/[doel]',
		request: `POST /doel/${nobody}?/step`,
		body: { stap: 'Bellen', week: '' }
	},
	{
		routeId: '/(trainer)/trainer/groepen/[groep]/doelen/[deelnemer]',
		request: `POST /trainer/groepen/${nobody}/doelen/${nobody}?/step`,
		body: { doelId: nobody, stap: 'Bellen', week: '' }
	},
	{
		routeId: '/(admin)/beheer/uitnodigen',
		request: 'POST /beheer/uitnodigen',
		body: { naam: 'Nieuwe trainer', email: 'vijandig@example.org', rol: 'trainer' }
	},
	{
		routeId: '/(admin)/beheer/sso',
		request: 'POST /beheer/sso',
		body: { issuer: 'https://idp.example.org', clientId: 'herstelpad', clientSecret: 'geheim' }
	},
	{
		routeId: '/(admin)/beheer/inhoud/module/[nummer]',
		request: 'POST /beheer/inhoud/module/1?/save',
		body: {
			titel_nl: 'Herstel',
			titel_en: 'Recovery',
			samenvatting_nl: 'Over herstel',
			samenvatting_en: 'About'
		}
	},
	{
		routeId: '/(admin)/beheer/inhoud/stap/[nummer]/[stap]',
		request: 'POST /beheer/inhoud/stap/1/01-wat-is-herstel?/save',
		body: {
			titel_nl: 'Wat is herstel',
			tekst_nl: 'Tekst',
			titel_en: '',
			tekst_en: '',
			vraag_nl: '',
			vraag_en: ''
		}
	},
	{
		routeId: '/(trainer)/trainer/groepen/[groep]/cursus/[nummer]',
		request: `POST /trainer/groepen/${nobody}/cursus/1?/addItem`,
		body: { soort: 'link', titel: 'Een site', link: 'https://example.org/x', tekst: 'Kijk eens', vraag: '' }
	},
	{
		routeId: '/(participant)/wat-helpt-mij/nieuw',
		request: 'POST /wat-helpt-mij/nieuw',
		body: { tekst: 'Even wandelen' }
	},
	{
		routeId: '/(participant)/wat-helpt-mij/ideeen',
		request: 'POST /wat-helpt-mij/ideeen',
		body: { idee: 'muziek', pagina: '2' }
	},
	{
		routeId: '/(participant)/steunnetwerk/nieuw',
		request: 'POST /steunnetwerk/nieuw',
		body: { naam: 'Mijn broer', steun: 'talk', contact: 'weekly' }
	},
	// Filters and choices in the query of pages.
	{
		routeId: '/(admin)/beheer/logboek',
		request: `GET /beheer/logboek?deelnemer=${nobody}&medewerker=${nobody}&actie=R&van=2026-01-01&tot=2026-12-31`,
		body: {}
	},
	{
		routeId: '/(admin)/beheer/logboek/export',
		request: `GET /beheer/logboek/export?deelnemer=${nobody}&actie=R&van=2026-01-01`,
		body: {}
	},
	{
		routeId: '/(participant)/logboek',
		request: 'GET /logboek?van=2026-01-01&tot=2026-12-31&pagina=2',
		body: {}
	},
	{
		routeId: '/(trainer)/trainer/groepen/[groep]/voorbereiding',
		request: `GET /trainer/groepen/${nobody}/voorbereiding?sessie=${nobody}`,
		body: {}
	},
	{
		routeId: '/(trainer)/trainer/groepen/[groep]/deze-week',
		request: `GET /trainer/groepen/${nobody}/deze-week?week=2026-12-07&groot`,
		body: {}
	},
	{
		routeId: '/(admin)/beheer/media/upload',
		request: 'POST /beheer/media/upload',
		body: { titel_nl: 'Video', transcript_nl: 'Wat er gezegd wordt' }
	}
];

beforeAll(async () => {
	app = await spawnApp({ DEMO: 'on', DEMO_HISTORY: 'off', SIGN_IN_LIMIT_PER_IP: '100000' });
	await waitFor(app, '/readyz');
	const stored = JSON.parse(await fs.readFile(path.join(app.dataDir, 'pg.json'), 'utf8')) as {
		port: number;
		password: string;
	};
	db = new pg.Client({
		connectionString: `postgres://postgres:${encodeURIComponent(stored.password)}@127.0.0.1:${stored.port}/herstelpad`
	});
	await db.connect();
	const one = async (text: string, values: unknown[] = []) =>
		((await db.query<{ id: string }>(text, values)).rows[0]?.id as string | undefined) ?? nobody;
	real.participant = await one(
		`select p.id from person p join "user" u on u.id = p.user_id where u.email = $1`,
		[demo.participant]
	);
	real.group = await one(`select group_id as id from group_member where person_id = $1`, [real.participant]);
	real.session = await one(
		`select id from group_session where group_id = $1 and status = 'planned' order by date desc limit 1`,
		[real.group]
	);
	real.tool = await one(`select id from coping_tool where person_id = $1 and own_text is not null limit 1`, [
		real.participant
	]);
	real.supporter = await one(`select id from support_person where person_id = $1 limit 1`, [
		real.participant
	]);
	for (const who of ['participant', 'trainer', 'coordinator'] as const)
		cookies[who] = (await signInOverHttp(app.url, demo[who])).cookie;
	// What the participant's and trainer's forms act on: a goal, a home practice given at a session
	// that was held, a help request, and a draft of the course for the coordinator's text edits.
	const held = await one(
		`select id from group_session where group_id = $1 and status = 'planned'
		   and (date + start_time) <= (now() at time zone 'Europe/Amsterdam') order by date desc limit 1`,
		[real.group]
	);
	const made = await Promise.all([
		post('participant', '/doel/nieuw', deeper.find((entry) => entry.request === 'POST /doel/nieuw')!.body),
		post('trainer', `/trainer/groepen/${real.group}/sessies/${held}?/practice`, {
			bron: 'own',
			tekst: 'Oefen thuis',
			antwoord: 'text'
		}),
		post('participant', '/hulp?/stuck', { van: '/modules' }),
		post('coordinator', '/beheer/inhoud?/newVersion', {})
	]);
	expect(made).toEqual([303, 303, 303, 200]);
	real.goal = await one(`select id from recovery_goal where person_id = $1 limit 1`, [real.participant]);
	real.practice = await one(`select id from home_practice where group_id = $1 limit 1`, [real.group]);
	real.helpRequest = await one(`select id from help_request where person_id = $1`, [real.participant]);
}, 240_000);

afterAll(async () => {
	await db?.end();
	if (app) {
		await stopApp(app);
		await fs.rm(app.dataDir, { recursive: true, force: true });
	}
});

/** The real id that stands in for `nobody` after a path segment or in a form field of that name. */
function realFor(name: string): string {
	if (name === 'groepen' || name === 'groep') return real.group;
	if (name === 'sessies' || name === 'sessie') return real.session;
	if (['doelen', 'berichten', 'intake', 'voortgang', 'deelnemer'].includes(name)) return real.participant;
	if (name === 'doel' || name === 'doelId') return real.goal;
	if (name === 'opdracht') return real.practice;
	if (name === 'verzoek') return real.helpRequest;
	if (name === 'wat-helpt-mij') return real.tool;
	if (name === 'steunnetwerk') return real.supporter;
	// A person to turn off or move stays nobody: the test keeps its own accounts working.
	return nobody;
}

interface Request {
	method: string;
	segments: string[];
	/** The route's parameter name at each path segment ('' where the segment is fixed). */
	params: string[];
	query: [string, string][];
	action: string | null;
	body: [string, string][];
}

/** The table's request with real ids; `routeId` tells which path segments are parameters. */
function requestOf(routeId: string, line: string, body: Record<string, string> = {}): Request {
	const [method = 'GET', target = '/'] = line.split(' ');
	const url = new URL(target, 'http://x');
	const segments = url.pathname.split('/').slice(1);
	const routeParts = routeId.split('/').filter((part) => part !== '' && !/^\(.*\)$/.test(part));
	return {
		method,
		params: segments.map((_, at) => /^\[(\w+)\]$/.exec(routeParts[at] ?? '')?.[1] ?? ''),
		segments: segments.map((segment, at) =>
			segment === nobody ? realFor(segments[at - 1] ?? '') : decodeURIComponent(segment)
		),
		// The "?/name" of a form action is not input.
		query: [...url.searchParams].filter(([key]) => !key.startsWith('/')),
		action: [...url.searchParams.keys()].find((key) => key.startsWith('/')) ?? null,
		body: Object.entries(body).map(([key, value]) => [
			key.replace(nobody, real.participant),
			value === nobody ? realFor(key) : value
		])
	};
}

/** Where a hostile value goes: a form field, a URL id, or a query parameter. */
type Place = { kind: 'field' | 'query'; name: string } | { kind: 'segment'; at: number };

function placesOf(request: Request): Place[] {
	const places: Place[] = request.body.map(([name]) => ({ kind: 'field' as const, name }));
	request.params.forEach((param, at) => {
		if (param) places.push({ kind: 'segment', at });
	});
	for (const [name] of request.query) places.push({ kind: 'query', name });
	// No field to fill: an extra field must be ignored just as safely.
	if (request.method === 'POST' && places.length === 0) places.push({ kind: 'field', name: 'extra' });
	return places;
}

/**
 * One request on its own connection (node:http, so raw bytes go as they are), with the status; null
 * when the server closed the connection before answering, which happens when it refuses a large body
 * without reading it (the unread bytes make the kernel reset the connection).
 */
function rawRequest(
	url: string,
	method: string,
	headers: Record<string, string>,
	body: Buffer | undefined
): Promise<number | null> {
	return new Promise((resolve) => {
		const request = http.request(
			url,
			{
				method,
				agent: false,
				headers: {
					...headers,
					connection: 'close',
					...(body ? { 'content-length': String(body.length) } : {})
				}
			},
			(response) => {
				response.resume();
				resolve(response.statusCode ?? 0);
			}
		);
		request.on('error', () => resolve(null));
		request.end(body);
	});
}

/** A plain form post as `who`: the status. */
function post(who: Who, target: string, body: Record<string, string>): Promise<number | null> {
	return rawRequest(
		app.url + target,
		'POST',
		{
			cookie: cookies[who] ?? '',
			accept: 'text/html',
			origin: app.url,
			'content-type': 'application/x-www-form-urlencoded'
		},
		Buffer.from(new URLSearchParams(body).toString())
	);
}

async function send(
	who: Who,
	request: Request,
	place: Place,
	value: string,
	multipart: boolean
): Promise<{ status: number | null; bodyBytes: number }> {
	const put = <T extends [string, string][]>(pairs: T, name: string) =>
		pairs.some(([key]) => key === name)
			? pairs.map(([key, old]) => [key, key === name ? value : old] as [string, string])
			: [...pairs, [name, value] as [string, string]];
	const body = place.kind === 'field' ? put(request.body, place.name) : request.body;
	const query = place.kind === 'query' ? put(request.query, place.name) : request.query;
	const segments = request.segments.map((segment, at) =>
		place.kind === 'segment' && place.at === at ? value : segment
	);
	const search = [
		...(request.action ? [request.action] : []),
		...query.map(([key, text]) => `${encode(key)}=${encode(text)}`)
	].join('&');
	const target = `/${segments.map(encode).join('/')}${search ? `?${search}` : ''}`;
	const headers: Record<string, string> = {
		cookie: cookies[who] ?? '',
		accept: 'text/html',
		origin: app.url
	};
	let payload: Buffer | undefined;
	if (request.method === 'POST' && multipart) {
		const form = new FormData();
		for (const [key, text] of body) form.append(key, text);
		// A file with a hostile name in the fields that take files (and one field that does not).
		for (const name of ['bestand', 'video', 'ondertitels_nl'])
			form.append(name, new Blob(['WEBVTT\n\n']), `${value.slice(0, 200)}.vtt`);
		const encoded = new Response(form);
		headers['content-type'] = encoded.headers.get('content-type') ?? '';
		payload = Buffer.from(await encoded.arrayBuffer());
	} else if (request.method === 'POST') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		payload = Buffer.from(body.map(([key, text]) => `${encode(key)}=${encode(text)}`).join('&'));
	}
	const status = await rawRequest(app.url + target, request.method, headers, payload);
	return { status, bodyBytes: (payload?.length ?? 0) + target.length };
}

// The valid-input requests first: the table's requests change things (a goal stopped, a group moved).
const entries: { routeId: string; request: string; body?: Record<string, string> }[] = [
	...deeper.map((entry) => ({ ...entry, request: `${entry.request} (valid input)` })),
	...Object.entries(accessTable).flatMap(([routeId, list]) => list.map((entry) => ({ routeId, ...entry })))
]
	// Signing out would end the session the other requests use.
	.filter((entry) => entry.request !== 'POST /uitloggen')
	// Only requests that take input (the ids are all `nobody` until the app runs).
	.filter((entry) => placesOf(requestOf(entry.routeId, entry.request, entry.body)).length > 0);

/** Route parameters that are ids: a hostile one is "not found", never a success. */
const idParams = new Set(['groep', 'deelnemer', 'sessie', 'doel', 'id']);

describe('hostile input', () => {
	it('sends its valid-input requests to routes of the inventory', () => {
		expect(deeper.filter((entry) => !(entry.routeId in accessTable))).toEqual([]);
	});

	for (const entry of entries) {
		it(`${entry.request} answers 4xx or success, never 5xx`, async () => {
			const request = requestOf(entry.routeId, entry.request.replace(' (valid input)', ''), entry.body);
			const places = placesOf(request);
			// First the plain NUL byte in every place, as each signed-in role, in both encodings.
			const examples = (['participant', 'trainer', 'coordinator'] as const).flatMap((who) =>
				places.flatMap((_, at) =>
					[false, true].map((multipart): [Who, number, string, boolean] => [who, at, '@nul', multipart])
				)
			);
			await fc.assert(
				fc.asyncProperty(
					fc.constantFrom(...whos),
					fc.nat({ max: places.length - 1 }),
					hostile,
					fc.boolean(),
					async (who, at, choice, multipart) => {
						const place = places[at]!;
						const value = valueOf(choice);
						// An empty or dot segment changes the route itself (the URL drops it).
						fc.pre(place.kind !== 'segment' || !/^\.{0,2}$/.test(value));
						const { status, bodyBytes } = await send(who, request, place, value, multipart);
						const label = `${who} ${entry.request} with ${JSON.stringify(choice)} in ${JSON.stringify(place)}${multipart ? ' (multipart)' : ''}`;
						// Only a large request may be cut off unread (see rawRequest).
						if (status === null) expect(bodyBytes, label).toBeGreaterThan(64 * 1024);
						if (status === null) return;
						expect(status, label).toBeLessThan(500);
						// A hostile id in the URL is "not found" (or refused at the door), never a success.
						if (place.kind === 'segment' && idParams.has(request.params[place.at]!))
							expect(status >= 400 || who === 'anonymous', label).toBe(true);
					}
				),
				{ numRuns: examples.length + 4, examples }
			);
		});
	}

	it('stored none of the refused characters, and no 100,000-character text', async () => {
		const columns = await db.query<{ schema: string; table: string; column: string; type: string }>(
			`select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
			 from information_schema.columns c join information_schema.tables t
			   on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
			 where c.table_schema not in ('pg_catalog', 'information_schema')
			   and c.data_type in ('text', 'character varying', 'jsonb', 'json')`
		);
		const refused = '[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]';
		const found: string[] = [];
		for (const { schema, table, column, type } of columns.rows) {
			const name = `"${schema}"."${table}"."${column}"`;
			const value = type.startsWith('json') ? `"${column}"::text` : `"${column}"`;
			const escaped = type.startsWith('json') ? ` or ${value} ~ '\\\\u00[01][0-9a-fA-F]'` : '';
			const { rows } = await db.query<{ count: string }>(
				`select count(*) from "${schema}"."${table}"
				 where ${value} ~ $1${escaped} or length(${value}) >= 100000`,
				[refused]
			);
			if (Number(rows[0]?.count) > 0) found.push(`${name}: ${rows[0]?.count}`);
		}
		expect(found, 'columns holding refused characters').toEqual([]);
		// Names shown to others hold no direction overrides.
		const names = await db.query(
			`select display_name from person where display_name ~ '[\u202a-\u202e\u2066-\u2069]'
			 union all select name from course_group where name ~ '[\u202a-\u202e\u2066-\u2069]'`
		);
		expect(names.rows).toEqual([]);
	});
});
