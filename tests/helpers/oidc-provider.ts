/**
 * A real OpenID Provider for the SSO browser test: the npm `oidc-provider` package on loopback in
 * the test process, with its development sign-in pages. Any login name is accepted as an email
 * address with a verified email claim.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './app';

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	close(): Promise<void>;
}

export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
	const port = await freePort();
	const issuer = `http://localhost:${port}`;
	const clientId = 'herstelpad-test';
	const clientSecret = 'a-client-secret-for-the-test-provider-only';
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: [redirectUri],
				grant_types: ['authorization_code'],
				response_types: ['code']
			}
		],
		claims: { openid: ['sub'], email: ['email', 'email_verified'] },
		findAccount: (_ctx, id) => ({
			accountId: id,
			claims: () => ({ sub: id, email: id, email_verified: true })
		}),
		cookies: { keys: ['test-provider-cookie-key'] },
		features: { devInteractions: { enabled: true } }
	});
	const server: Server = provider.listen(port);
	await new Promise<void>((resolve) => server.once('listening', () => resolve()));
	return {
		issuer,
		clientId,
		clientSecret,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}
