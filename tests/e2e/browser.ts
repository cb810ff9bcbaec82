/** Playwright on Debian's Chromium, with axe checks, for the browser tests. */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { reuseStaffSession, rememberStaffSession } from '../helpers/staff-sessions';
import { withFreshCode } from '../helpers/totp';

export const DEMO_PASSWORD = 'herstelpad-demo';
export const demo = {
	participant: 'deelnemer1@demo.herstelpad.example',
	trainer: 'trainer@demo.herstelpad.example',
	peerTrainer: 'ervaringsdeskundige@demo.herstelpad.example',
	coordinator: 'coordinator@demo.herstelpad.example'
};

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
}

/** Contexts that run the pages' scripts: their pages are typed into only once hydrated. */
const scripted = new WeakSet<BrowserContext>();

export async function newContext(
	browser: Browser,
	options: { javaScript: boolean; serviceWorkers?: 'allow' | 'block' }
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL: inject('baseUrl'),
		javaScriptEnabled: options.javaScript,
		serviceWorkers: options.serviceWorkers,
		locale: 'nl-NL',
		viewport: { width: 390, height: 844 }
	});
	if (options.javaScript) scripted.add(context);
	return context;
}

/**
 * Waits until the page has hydrated (src/routes/+layout.svelte marks it), when its scripts run: a
 * value typed before that may be reset by hydration, and the form then sent without it.
 */
export async function untilHydrated(page: Page): Promise<void> {
	if (scripted.has(page.context()))
		await page.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined);
}

/**
 * A context signed in with `token`, a session made in the database (`buildSignedIn` of the
 * builders), for tests in an organisation of their own.
 */
export async function signedInContext(
	browser: Browser,
	token: string,
	options: { javaScript: boolean; viewport?: { width: number; height: number } }
): Promise<{ context: BrowserContext; page: Page }> {
	const base = inject('baseUrl');
	const context = await browser.newContext({
		baseURL: base,
		javaScriptEnabled: options.javaScript,
		locale: 'nl-NL',
		viewport: options.viewport ?? { width: 1024, height: 800 }
	});
	await context.addCookies([{ name: 'herstelpad', value: token, url: base }]);
	return { context, page: await context.newPage() };
}

/** Runs axe (WCAG 2.0–2.2 A/AA and target-size) and fails with the violations listed. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.options({ rules: { 'target-size': { enabled: true } } })
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Signs in through the form, like a person would. Staff enter the code from the demo key. */
/**
 * Gives Herstelpad's second step a fresh authenticator code for `who` (base URL + email) and waits for
 * `path`. The step's claim is held until the server has answered, so sign-ins of one person reach the
 * server in step order; when the code is refused, the failure names what the page said.
 */
export async function proveSecondStep(page: Page, who: string, path: string): Promise<void> {
	await untilHydrated(page);
	await withFreshCode(who, async (code) => {
		await page.getByLabel(/Code uit je app/).fill(code);
		await page.getByRole('button', { name: 'Verder' }).click();
		await page
			.waitForURL((url) => url.pathname !== '/inloggen/tweede-stap', { timeout: 20_000 })
			.catch(async () => {
				const said = await page.locator('h1, h2, [role="alert"], .error').allInnerTexts();
				throw new Error(`the second step stayed open for ${who}: ${JSON.stringify(said)}`);
			});
	});
	await page.waitForURL((url) => url.pathname === path);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	const base = inject('baseUrl');
	// Staff codes are accepted once per 30-second step: reuse a staff session this run already has.
	if (password === DEMO_PASSWORD && (await reuseStaffSession(page, base, email))) return;
	// Wait until the page's scripts have loaded, so a click never lands mid-hydration.
	await page.goto('/inloggen', { waitUntil: 'networkidle' });
	await untilHydrated(page);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await page.waitForURL((url) => url.pathname !== '/inloggen');
	if (new URL(page.url()).pathname === '/inloggen/tweede-stap') {
		// The claim of the step is held until the server has answered (steps reach it in order).
		await untilHydrated(page);
		await withFreshCode(`${base}|${email}`, async (code) => {
			await page.getByLabel(/Code uit je app/).fill(code);
			await page.getByRole('button', { name: 'Verder' }).click();
			await page.waitForURL((url) => url.pathname !== '/inloggen/tweede-stap');
		});
		const cookie = (await page.context().cookies()).find((c) => c.name === 'herstelpad');
		if (cookie) rememberStaffSession(base, email, cookie.value);
	}
}

/**
 * The flat-explicit limits of PRODUCT.md for participant screens: at most 7 links, at most 2
 * navigation areas, and under about 100 words of body text.
 */
export async function expectFlatExplicit(page: Page): Promise<void> {
	// The skip link is an accessibility aid that shows only on focus; it does not count.
	const links = await page.locator('a[href]:visible:not(.skip-link)').count();
	const navs = await page.locator('nav').count();
	const words = ((await page.locator('main').innerText()) ?? '').split(/\s+/).filter(Boolean).length;
	expect(
		{ links: links <= 7, navs: navs <= 2, words: words <= 110 },
		`${page.url()}: ${links} links, ${navs} navs, ${words} words`
	).toEqual({
		links: true,
		navs: true,
		words: true
	});
}

/**
 * Every field and button on the page is at least `min` px high (a radio or check box counts by its label,
 * which is its target). Names the ones that are not.
 */
export async function expectTallTargets(page: Page, min = 44): Promise<void> {
	const low = await page.evaluate((least) => {
		const targets = document.querySelectorAll<HTMLElement>(
			'main input:not([type=hidden]), main select, main textarea, main button, main .button'
		);
		return [...targets]
			.map((el) => {
				const box =
					el instanceof HTMLInputElement && ['radio', 'checkbox'].includes(el.type)
						? (el.closest('label') ?? el)
						: el;
				const height = box.getBoundingClientRect().height;
				return {
					what: `${el.tagName.toLowerCase()}#${el.id || (el as HTMLInputElement).name || el.textContent?.trim()}`,
					height
				};
			})
			.filter((t) => t.height > 0 && t.height < least)
			.map((t) => `${t.what}: ${Math.round(t.height)} px`);
	}, min);
	expect(low, `targets under ${min} px on ${page.url()}`).toEqual([]);
}
