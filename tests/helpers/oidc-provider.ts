/**
 * A real OpenID Provider for the SSO browser test: the npm `oidc-provider` package on loopback in
 * the test process, with its development sign-in pages. Any login name is accepted as an email
 * address with a verified email claim. `reportAmr` sets the `amr` claim of the next sign-ins (RFC 8176
 * methods, e.g. ['pwd', 'mfa']), as a provider that asked for a second factor would; none by default.
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	reportAmr(amr: string[] | undefined): void;
	close(): Promise<void>;
}

export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
	// Bound first on port 0 (no window for another program to take a port picked beforehand); the
	// provider, which must know its issuer URL, answers on it once made.
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
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
		// amr goes into the ID token only when a scope lists it.
		claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
		findAccount: (_ctx, id) => ({
			accountId: id,
			claims: () => ({ sub: id, email: id, email_verified: true })
		}),
		cookies: { keys: ['test-provider-cookie-key'] },
		features: { devInteractions: { enabled: true } }
	});
	// The development sign-in pages finish with `login: { accountId }` only: add the methods here,
	// where a real provider's own pages would report them (they end up in the ID token's amr).
	let amr: string[] | undefined;
	const finish = provider.interactionFinished.bind(provider);
	provider.interactionFinished = (req, res, result, options) =>
		finish(req, res, result.login && amr ? { ...result, login: { ...result.login, amr } } : result, options);
	server.on('request', provider.callback());
	return {
		issuer,
		clientId,
		clientSecret,
		reportAmr: (methods) => {
			amr = methods;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}
