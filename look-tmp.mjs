import { chromium } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
const base = process.argv[2];
const totp = new TOTP({ secret: Secret.fromBase32('HERSTELPADDEMOTOTPKEYVOORIEDEREEN'), digits: 6, period: 30 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
async function signIn(email) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${base}/inloggen`, { waitUntil: 'networkidle' });
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill('herstelpad-demo');
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await page.waitForURL((url) => url.pathname !== '/inloggen');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(/Code uit je app/).fill(totp.generate());
	await page.getByRole('button', { name: 'Verder' }).click();
	await page.waitForURL((url) => url.pathname !== '/inloggen/tweede-stap');
	return page;
}
const pages = process.argv.slice(3);
for (const spec of pages) {
	const [email, ...paths] = spec.split(',');
	const page = await signIn(email);
	for (const p of paths) {
		const resp = await page.goto(`${base}${p}`);
		const name = `${email.split('@')[0]}${p.replace(/\//g, '_')}`.slice(0, 80);
		await page.screenshot({ path: `/tmp/histcheck/${name}.png`, fullPage: true });
		const text = (await page.innerText('main').catch(() => '')).replace(/\s+/g, ' ').slice(0, 600);
		console.log(resp?.status(), p, '::', text);
	}
}
await browser.close();
