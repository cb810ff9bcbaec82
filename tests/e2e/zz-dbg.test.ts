import { it } from 'vitest';
import { launchBrowser, newContext } from './browser';
it('dbg', async () => {
	const browser = await launchBrowser();
	const context = await newContext(browser, { javaScript: true });
	const page = await context.newPage();
	page.on('console', (msg) => console.log('console:', msg.text()));
	page.on('response', (r) => {
		if (r.url().includes('sleutel')) console.log('resp', r.status(), r.url());
	});
	await page.goto('/inloggen', { waitUntil: 'networkidle' });
	const ok = await page.evaluate(async () => {
		const r = await fetch('/inloggen/sleutel', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ stap: 'opties' })
		});
		return r.status + ' ' + (await r.text());
	});
	console.log(ok);
	await browser.close();
});
