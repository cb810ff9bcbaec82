/** Signing in over plain HTTP (no browser): password, then the second step for staff. */
import { DEMO_PASSWORD } from '../e2e/browser';
import { withFreshCode } from './totp';

const formHeaders = (origin: string) => ({
	origin,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded'
});

function cookiesOf(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.filter((pair) => !pair?.endsWith('='))
		.join('; ');
}

/**
 * Signs in at `base` and returns the Cookie header of the session. Staff (sent to the second step)
 * also enter a TOTP code from the demo key. `origin` is the public origin when it differs from `base`.
 */
export async function signInOverHttp(
	base: string,
	email: string,
	options: { password?: string; origin?: string } = {}
): Promise<{ cookie: string; first: Response }> {
	const origin = options.origin ?? base;
	const first = await fetch(`${base}/inloggen`, {
		method: 'POST',
		redirect: 'manual',
		headers: formHeaders(origin),
		body: new URLSearchParams({ email, password: options.password ?? DEMO_PASSWORD })
	});
	const cookie = cookiesOf(first);
	if (!(first.headers.get('location') ?? '').startsWith('/inloggen/tweede-stap')) return { cookie, first };
	const second = await withFreshCode(`${base}|${email}`, (code) =>
		fetch(`${base}/inloggen/tweede-stap`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...formHeaders(origin), cookie },
			body: new URLSearchParams({ code })
		})
	);
	if (second.status !== 303) throw new Error(`second step refused for ${email}: ${second.status}`);
	return { cookie, first };
}
