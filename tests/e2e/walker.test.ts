/**
 * The screen walker (issue 21 item 4, "checked on every screen"): one signed-in browser page per
 * role (a session made in the database, so staff wait for no authenticator step) visits every page
 * route the route inventory (route-inventory.test.ts) lets that role open, with the ids of the demo
 * data filled in, so a screen added to the inventory is walked without more work. Every screen is checked on one visit: axe (WCAG 2.2 A/AA, target size), reduced motion,
 * reflow at 320 px, 200 % text at 640 px, forced colours; participant screens also keep the
 * flat-explicit limits of PRODUCT.md and lie at most 3 link steps from home. Then the core flows
 * are done with the keyboard only. How things are counted: README.md (The screen walker).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	axeProblems,
	clippedTextProblems,
	flatCounts,
	focusProblems,
	forcedColourProblems,
	motionProblems,
	scrollProblems
} from '../helpers/screen-checks';
import type { Actor } from '../../src/lib/domain/policy';
import { loadActor } from '../../src/lib/server/auth/actor';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { boardReader, copingTool, groupMember, tourSeen } from '../../src/lib/server/db/schema';
import { requestOwnErasure } from '../../src/lib/server/privacy/erasure';
import { setCareTeamSharing } from '../../src/lib/server/workbook/plan/commands';
import { seedDemoPlan } from '../../src/lib/server/workbook/plan/demo';
import { seedDemoNetwork } from '../../src/lib/server/workbook/network/demo';
import { buildGoal, buildPerson, buildSignedIn } from '../helpers/builders';
import { demo, launchBrowser, newContext, signedInContext, untilHydrated } from './browser';
import { accessTable } from './route-inventory.test';

type Role = 'participant' | 'trainer' | 'coordinator' | 'naaste' | 'researcher';
const roles: Role[] = ['participant', 'trainer', 'coordinator', 'naaste', 'researcher'];
const naaste = 'naaste@demo.herstelpad.example';

/** The limits of PRODUCT.md for a participant screen. */
const LIMITS = { links: 7, navs: 2, words: 100, stepsFromHome: 3 };

/**
 * Participant screens where a person comes in from outside rather than by a link from home (an email,
 * signing in with a card): they count as starting points of the steps-from-home walk, with the reason.
 */
const entryPoints: Record<string, string> = {
	'/herinneringen/uit': 'opened from the link in a reminder email',
	'/inloggen/link': 'opened from the link in a sign-in email',
	'/(participant)/terugkomen': 'shown after signing in with a login card',
	'/(participant)/terugkomen/klaar': 'shown after choosing how to come back',
	'/(participant)/rondleiding': 'shown on first use (and replayed from Help)',
	'/offline': 'shown by the service worker when there is no connection (docs/offline.md)'
};

/**
 * Participant screens linked only while something is going on, which the walker's participant does
 * not have (home gives its few links to what matters now): each with where the link then is.
 */
const linkedWhen: Record<string, string> = {
	'/(participant)/live': "the live banner's link, on every screen while the group's session is live",
	'/(participant)/thuisopdracht': "home's link while a home practice is open",
	'/(participant)/startlessen': "home's link until the starter lessons are done",
	'/(participant)/startlessen/[les]': 'the starter lessons (as above)',
	'/(participant)/vragenlijst': "home's link while a questionnaire is due and home has room for it",
	'/(participant)/vragenlijst/[vraag]': 'the questionnaire (as above)',
	'/(participant)/vragenlijst/uitkomst': 'the questionnaire (as above)'
};

/**
 * Screens over a flat-explicit limit that are too big to change here, each with the reason. Keep
 * this short: fix the screen instead where that is small.
 */
const overLimit: Record<string, string> = {
	'/(participant)/signaleringsplan/kaart':
		"the wallet card to print: the participant's own plan in their own words, on one card"
};

/**
 * Routes the demo cannot show as it is, with the reason; the walker skips them. They answer 404, or
 * 200 when another test file started a curriculum draft before this file ran (the order varies).
 */
const cannotOpen: Record<string, string> = {
	'/(admin)/beheer/inhoud/module/[nummer]':
		'edits a draft of the curriculum: the demo has none, and starting one changes what curriculum tests read',
	'/(admin)/beheer/inhoud/stap/[nummer]/[stap]': 'edits a draft of the curriculum (as above)'
};

/**
 * A route the role may open: the inventory answers one of its GET requests for the role with 200
 * (that request is walked), or, for a route with ids, with 404 for an id that belongs to nobody (the
 * role passes the access check; the walker fills in real ids). The naaste and the researcher have no
 * column in the inventory: they walk the routes of the (naaste) and (research) areas.
 */
function routesOf(role: Role): Array<{ id: string; path: string | null }> {
	const routes: Array<{ id: string; path: string | null }> = [];
	for (const [id, entries] of Object.entries(accessTable)) {
		const gets = entries.filter((entry) => entry.request.startsWith('GET '));
		const page = hasPage(id);
		if (!page || gets.length === 0) continue;
		if (role === 'naaste' || role === 'researcher') {
			if (id.startsWith(role === 'naaste' ? '/(naaste)' : '/(research)')) routes.push({ id, path: null });
			continue;
		}
		const open = gets.find((entry) => entry.expect[role] === 200);
		if (open) routes.push({ id, path: open.request.slice(4) });
		else if (id.includes('[') && gets.some((entry) => entry.expect[role] === 404))
			routes.push({ id, path: null });
	}
	return routes;
}

/** Whether a route id has a page (a +page.svelte), read from the source tree. */
const hasPage = (id: string) =>
	fs.existsSync(`src/routes${id === '/' ? '' : id}`) &&
	fs.readdirSync(`src/routes${id === '/' ? '' : id}`).some((name) => /^\+page(@[^.]*)?\.svelte$/.test(name));

/** The path of a route id: the groups dropped, each [param] filled from `ids`. */
function fill(id: string, ids: Map<string, string>): { path?: string; missing?: string[] } {
	const missing: string[] = [];
	const segments = id.split('/').filter((segment) => segment && !/^\(.*\)$/.test(segment));
	const path = segments.map((segment, index) => {
		const param = segment.match(/^\[(\w+)\]$/)?.[1];
		if (!param) return segment;
		// The value for this param after this segment (e.g. media/[id]), or for the param anywhere.
		const value = ids.get(`${segments[index - 1]}/[${param}]`) ?? ids.get(`[${param}]`);
		if (value === undefined) missing.push(`${segments[index - 1]}/[${param}]`);
		return value ?? '';
	});
	return missing.length > 0 ? { missing } : { path: `/${path.join('/')}` };
}

/** A route id's pattern, to know which screen a link leads to. */
function patternOf(id: string): RegExp {
	const path = id
		.split('/')
		.filter((segment) => segment && !/^\(.*\)$/.test(segment))
		.map((segment) => (/^\[\w+\]$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|\\]/g, '\\$&')))
		.join('/');
	return new RegExp(`^/${path}/?$`);
}

let browser: Browser;
let pool: pg.Client;
let database: Database;
/** Param key → the id the walker fills in (see `fill`). */
const ids = new Map<string, string>();
/** A session per role, made in the database (no sign-in form: staff codes wait for their step). */
const tokens = new Map<Role, string>();
/** The walker's participant's name (on the login cards). */
let walkerName = '';
const started = Date.now();

async function one(text: string, values: unknown[] = []): Promise<string | undefined> {
	const { rows } = await pool.query<{ v: unknown }>(text, values);
	return rows[0]?.v === undefined || rows[0]?.v === null ? undefined : String(rows[0].v);
}

async function demoActor(email: string): Promise<Actor> {
	const userId = await one(`select id as v from "user" where email = $1`, [email]);
	const actor = userId ? await loadActor(database.db, userId) : null;
	if (!actor) throw new Error(`no demo person ${email}`);
	return actor;
}

/**
 * The walker's own participant in the demo group, so that the demo's participants stay as other tests
 * expect them (Anna has no goal until goals.test.ts makes one): Wout has the demo's example plan
 * (shared with the naaste and the trainers), support network and coping tools, a goal with a step,
 * and has seen the tour and the board's rules. Eef has asked for her data to be erased (the
 * coordinator's request screen), and a researcher of the demo organisation opens the research page.
 */
async function walkersPeople(): Promise<void> {
	const db = database.db;
	const groupId = (await one(`select id as v from course_group where name = 'Herstelgroep Demo'`)) ?? '';
	const organisationId =
		(await one(`select organisation_id as v from course_group where id = $1`, [groupId])) ?? '';
	const suffix = randomUUID().slice(0, 4);
	walkerName = `Wout ${suffix} (demo)`;
	const wout = await buildPerson(db, { organisationId, role: 'participant', name: walkerName });
	const naasteOf = await demoActor(naaste);
	await db
		.insert(groupMember)
		.values({ groupId, personId: wout.personId, joinedAt: new Date('2026-09-01T08:00:00Z') });
	await db.insert(tourSeen).values({ personId: wout.personId });
	await db
		.insert(boardReader)
		.values({ personId: wout.personId, rulesSeenAt: new Date('2026-09-03T13:30:00Z') });
	await db.insert(copingTool).values([
		{ personId: wout.personId, suggestionKey: 'muziek', rating: 5 },
		{ personId: wout.personId, ownText: 'Puzzelen aan de keukentafel', rating: 3 }
	]);
	await db.transaction(async (tx) => {
		await seedDemoNetwork(tx, () => wout.personId);
		await seedDemoPlan(tx, wout.personId, naasteOf.personId);
	});
	await setCareTeamSharing(db, wout, true);
	const { goalId } = await buildGoal(db, {
		participant: wout,
		text: 'Elke dag een half uur naar buiten',
		why: 'Dan slaap ik beter',
		step: 'Na de lunch een rondje om het blok lopen'
	});
	const eef = await buildPerson(db, { organisationId, role: 'participant', name: `Eef ${suffix} (demo)` });
	const researcher = await buildPerson(db, {
		organisationId,
		role: 'researcher',
		name: `Rik ${suffix} (demo)`
	});
	const found: Record<string, string | undefined> = {
		'[groep]': groupId,
		'[deelnemer]': wout.personId,
		'[persoon]': wout.personId,
		'[doel]': goalId,
		'[sessie]': await one(
			`select id as v from group_session where group_id = $1 and status = 'planned' order by abs(date - current_date) limit 1`,
			[groupId]
		),
		'[beoordeling]': await one(
			`select id as v from fidelity_assessment where group_id = $1 order by period_start limit 1`,
			[groupId]
		),
		'[verzoek]': await requestOwnErasure(db, eef),
		'media/[id]': await one(`select id as v from media where organisation_id = $1 limit 1`, [organisationId]),
		'wat-helpt-mij/[id]': await one(`select id as v from coping_tool where person_id = $1 limit 1`, [
			wout.personId
		]),
		'steunnetwerk/[id]': await one(`select id as v from support_person where person_id = $1 limit 1`, [
			wout.personId
		]),
		'versies/[versie]': await one(
			`select id as v from relapse_plan_version where person_id = $1 order by day limit 1`,
			[wout.personId]
		),
		'versie/[versie]': '1',
		'[nummer]': '1',
		'[stap]': '01-wat-is-herstel',
		'signaleringsplan/[stap]': 'sterke-kanten',
		'[les]': 'video',
		'[vraag]': '1'
	};
	for (const [key, value] of Object.entries(found)) if (value !== undefined) ids.set(key, value);
	const signedIn = async (actor: Actor) => buildSignedIn(db, actor);
	tokens.set('participant', await signedIn(wout));
	tokens.set('trainer', await signedIn(await demoActor(demo.trainer)));
	tokens.set('coordinator', await signedIn(await demoActor(demo.coordinator)));
	tokens.set('naaste', await signedIn(naasteOf));
	tokens.set('researcher', await signedIn(researcher));
}

beforeAll(async () => {
	browser = await launchBrowser();
	pool = new pg.Client({ connectionString: inject('appDatabaseUrl') });
	await pool.connect();
	database = openDatabase(inject('appDatabaseUrl'), 2);
	await walkersPeople();
});
afterAll(async () => {
	await browser?.close();
	await pool?.end();
	await database?.close();
	console.log(`walker: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

interface Visit {
	id: string;
	path: string;
	landed: string;
	problems: string[];
	hrefs: string[];
}

/** Every check of one screen, on one visit of one page. */
async function checkScreen(page: Page, role: Role, id: string, path: string): Promise<Visit> {
	const problems: string[] = [];
	await page.setViewportSize({ width: 390, height: 844 });
	await page.emulateMedia({ reducedMotion: 'reduce', forcedColors: 'none' });
	const response = await page.goto(path, { waitUntil: 'load' });
	await untilHydrated(page);
	const landed = new URL(page.url()).pathname;
	if (response?.status() !== 200) problems.push(`answered ${response?.status()}`);
	// A screen that sends the walker on is not the screen the route shows: give it the data it needs.
	if (landed !== new URL(path, page.url()).pathname) problems.push(`went on to ${landed}`);
	problems.push(...(await axeProblems(page)));
	problems.push(...(await motionProblems(page)));
	let hrefs: string[] = [];
	if (role === 'participant') {
		const counts = await flatCounts(page);
		hrefs = counts.hrefs;
		const over = [
			counts.links > LIMITS.links ? `${counts.links} links` : '',
			counts.navs > LIMITS.navs ? `${counts.navs} navigation areas` : '',
			counts.words > LIMITS.words ? `${counts.words} words` : ''
		].filter(Boolean);
		if (over.length > 0 && !overLimit[id]) problems.push(`over the flat-explicit limits: ${over.join(', ')}`);
	}
	await page.setViewportSize({ width: 320, height: 700 });
	problems.push(...(await scrollProblems(page, '320 px')));
	// 200 % text: the root font size doubled (the app's own sizes are in rem), at 640 px.
	await page.setViewportSize({ width: 640, height: 700 });
	await page.evaluate(() => {
		const root = document.documentElement;
		root.dataset.walkerFont = root.style.fontSize;
		root.style.fontSize = `${parseFloat(getComputedStyle(root).fontSize) * 2}px`;
	});
	problems.push(...(await scrollProblems(page, '200 % text at 640 px')));
	problems.push(...(await clippedTextProblems(page, '200 % text')));
	await page.evaluate(() => {
		document.documentElement.style.fontSize = document.documentElement.dataset.walkerFont ?? '';
	});
	await page.emulateMedia({ forcedColors: 'active' });
	problems.push(...(await forcedColourProblems(page)));
	return { id, path, landed, problems, hrefs };
}

const visits = new Map<Role, Visit[]>();
/** The signed-in page of each role, kept open for the keyboard flows at the end. */
const pages = new Map<Role, Page>();

for (const role of roles) {
	describe(`every screen of the ${role}`, () => {
		let context: BrowserContext;
		let page: Page;
		beforeAll(async () => {
			({ context, page } = await signedInContext(browser, tokens.get(role) ?? '', {
				javaScript: true,
				viewport: { width: 390, height: 844 }
			}));
			pages.set(role, page);
		});
		afterAll(async () => {
			// The participant's and trainer's pages stay for the keyboard flows (closed with the browser).
			if (role !== 'participant' && role !== 'trainer') await context?.close();
		});

		it('passes every check', async () => {
			const routes = routesOf(role);
			expect(routes.length, `screens for ${role}`).toBeGreaterThan(0);
			const unfilled: string[] = [];
			const failed: string[] = [];
			const done: Visit[] = [];
			for (const route of routes) {
				const filled = route.path ? { path: route.path } : fill(route.id, ids);
				if (!filled.path) {
					unfilled.push(`${route.id} (no demo id for ${filled.missing?.join(', ')})`);
					continue;
				}
				if (cannotOpen[route.id]) {
					const status = (await page.request.get(filled.path, { maxRedirects: 0 })).status();
					// 404 without a draft; 200 when another test file started one before this file ran.
					if (status !== 404 && status !== 200) failed.push(`${route.id} answers ${status}`);
					continue;
				}
				const visit = await checkScreen(page, role, route.id, filled.path);
				done.push(visit);
				if (visit.problems.length > 0)
					failed.push(`${filled.path} (${route.id}):\n    ${visit.problems.join('\n    ')}`);
			}
			visits.set(role, done);
			expect
				.soft(unfilled, 'routes whose ids the walker cannot fill: add the demo id in demoIds()')
				.toEqual([]);
			expect.soft(failed, `screens of the ${role} that fail a check`).toEqual([]);
		});
	});
}

describe('participant screens are close to home', () => {
	it(`every screen is at most ${LIMITS.stepsFromHome} link steps from home`, () => {
		const walked = visits.get('participant') ?? [];
		expect(walked.length).toBeGreaterThan(0);
		const screens = walked.map((visit) => ({ ...visit, pattern: patternOf(visit.id) }));
		// A static segment wins over a parameter, as in SvelteKit: /signaleringsplan/lezen is not a [stap].
		const byParams = [...screens].sort((a, b) => a.id.split('[').length - b.id.split('[').length);
		const screenOf = (href: string) =>
			byParams.find((screen) => screen.pattern.test(new URL(href, 'http://x').pathname));
		const roots = ['/(participant)', ...Object.keys(entryPoints)];
		const depth = new Map<string, number>(roots.map((id) => [id, 0]));
		const queue = [...roots];
		while (queue.length > 0) {
			const id = queue.shift() ?? '';
			const from = screens.find((screen) => screen.id === id);
			for (const href of from?.hrefs ?? []) {
				const to = screenOf(href);
				if (to && !depth.has(to.id)) {
					depth.set(to.id, (depth.get(id) ?? 0) + 1);
					queue.push(to.id);
				}
			}
		}
		const far = screens
			.filter((screen) => !linkedWhen[screen.id])
			.filter((screen) => (depth.get(screen.id) ?? Infinity) > LIMITS.stepsFromHome)
			.map(
				(screen) =>
					`${screen.id}: ${depth.has(screen.id) ? `${depth.get(screen.id)} steps` : 'no link leads here'}`
			);
		expect(far, 'participant screens too far from home').toEqual([]);
	});
});

/** What has focus: enough to decide what the keyboard does next. */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLInputElement | null;
		return {
			tag: el?.tagName.toLowerCase() ?? '',
			type: el?.getAttribute('type') ?? '',
			name: (el?.innerText || el?.labels?.[0]?.innerText || el?.getAttribute('aria-label') || '').trim(),
			value: el && 'value' in el ? String(el.value) : '',
			inMain: !!el?.closest('main')
		};
	});
}

/** Where the page is: its address and main heading (a form sent with JavaScript keeps no history). */
const where = (page: Page) =>
	page.evaluate(() => location.href + (document.querySelector('h1')?.textContent ?? ''));

/**
 * Goes through a flow with the keyboard only: on each screen Tab moves on (every focus checked by
 * focusProblems), Space picks the first choice of a radio group, a text field gets a few words,
 * and Enter on the screen's button (not one matching `avoid`) sends it. Stops when `done`.
 */
async function byKeyboard(
	page: Page,
	done: () => Promise<boolean>,
	problems: string[],
	options: { avoid?: RegExp; text?: string; screens?: number } = {}
): Promise<void> {
	const avoid =
		options.avoid ?? /^(Vorige|Terug|Opslaan|Niet nu|Uitloggen|English|Nederlands|Kleiner|Groter)/;
	for (let screen = 0; screen < (options.screens ?? 8) && !(await done()); screen++) {
		const before = await where(page);
		let chose = false;
		let sent = false;
		for (let press = 0; press < 60 && !sent; press++) {
			await page.keyboard.press('Tab');
			const path = new URL(page.url()).pathname;
			problems.push(...(await focusProblems(page)).map((problem) => `${path}: ${problem}`));
			const now = await focused(page);
			if (!now.inMain) continue;
			if (now.type === 'radio' && !chose) {
				await page.keyboard.press('Space');
				chose = true;
			} else if ((now.tag === 'textarea' || now.type === 'text') && !now.value) {
				await page.keyboard.type(options.text ?? 'Het ging goed');
			} else if ((now.tag === 'button' || now.tag === 'a') && !avoid.test(now.name)) {
				await page.keyboard.press('Enter');
				await page.waitForFunction(
					(was) => location.href + (document.querySelector('h1')?.textContent ?? '') !== was,
					before
				);
				await untilHydrated(page);
				sent = true;
			}
		}
		if (!sent) throw new Error(`no way on by keyboard from ${page.url()}`);
	}
	expect(await done(), `the flow ended at ${page.url()}`).toBe(true);
}

/** Tabs until the focused element's name matches, checking every focus on the way; then Enter. */
async function tabTo(page: Page, name: RegExp, problems: string[]): Promise<void> {
	for (let press = 0; press < 80; press++) {
		await page.keyboard.press('Tab');
		const path = new URL(page.url()).pathname;
		problems.push(...(await focusProblems(page)).map((problem) => `${path}: ${problem}`));
		if (name.test((await focused(page)).name)) {
			const before = await where(page);
			await page.keyboard.press('Enter');
			await page.waitForFunction(
				(was) => location.href + (document.querySelector('h1')?.textContent ?? '') !== was,
				before
			);
			await untilHydrated(page);
			return;
		}
	}
	throw new Error(`Tab never reached "${name.source}" on ${page.url()}`);
}

/** Opens `path` with focus at the top of the page, as after a page load. */
async function openAtTop(page: Page, path: string): Promise<void> {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.emulateMedia({ reducedMotion: 'no-preference', forcedColors: 'none' });
	await page.goto(path, { waitUntil: 'load' });
	await untilHydrated(page);
}

describe('the core flows, with the keyboard only', () => {
	it("the participant's check-in, a module step and a help request", async () => {
		const page = pages.get('participant');
		if (!page) throw new Error('the participant walk did not run');
		const problems: string[] = [];
		await openAtTop(page, '/');
		await tabTo(page, /^Check-in van deze week$/, problems);
		await byKeyboard(page, async () => (await page.locator('h1').textContent()) === 'Klaar', problems);

		await openAtTop(page, '/');
		await tabTo(page, /^Verder:/, problems);
		const step = new URL(page.url()).pathname;
		expect(step).toMatch(/^\/modules\/1\//);
		await byKeyboard(page, async () => new URL(page.url()).pathname !== step, problems, { screens: 1 });

		await openAtTop(page, '/modules');
		await tabTo(page, /^Hulp$/, problems);
		await tabTo(page, /^Ik kom er niet uit$/, problems);
		expect(await page.getByRole('status').first().textContent()).toContain(
			'Je trainer neemt contact met je op'
		);
		expect(problems).toEqual([]);
	});

	it('signing in with a login card', async () => {
		const trainer = pages.get('trainer');
		if (!trainer) throw new Error('the trainer walk did not run');
		await openAtTop(trainer, '/trainer/kaarten');
		await trainer.getByRole('button', { name: 'Maak inlogkaarten' }).click();
		const confirm = trainer.getByRole('button', { name: 'Ja, maak nieuwe kaarten' });
		await trainer.locator('.login-card').first().or(confirm).waitFor();
		if (await confirm.isVisible()) await confirm.click();
		const card = trainer.locator('.login-card', { hasText: walkerName });
		const code = (await card.locator('.code').textContent()) ?? '';
		expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

		const context = await newContext(browser, { javaScript: true });
		const page = await context.newPage();
		const problems: string[] = [];
		await openAtTop(page, '/kaart');
		for (let press = 0; press < 20 && (await focused(page)).name !== 'Code van je kaart'; press++) {
			await page.keyboard.press('Tab');
			problems.push(...(await focusProblems(page)));
		}
		await page.keyboard.type(code);
		await tabTo(page, /^Inloggen$/, problems);
		await page.waitForURL((url) => url.pathname === '/terugkomen');
		expect(problems).toEqual([]);
		await context.close();
	});

	it("the trainer's week", async () => {
		const page = pages.get('trainer');
		if (!page) throw new Error('the trainer walk did not run');
		const problems: string[] = [];
		await openAtTop(page, '/trainer');
		await tabTo(page, /^Deze week$/, problems);
		expect(new URL(page.url()).pathname).toMatch(/\/deze-week$/);
		await tabTo(page, /^Grote letters/, problems);
		expect(new URL(page.url()).search).toBe('?groot');
		expect(problems).toEqual([]);
	});
});
