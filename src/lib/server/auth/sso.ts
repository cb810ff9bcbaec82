/**
 * Single sign-on with OpenID Connect (openid-client): per organisation, staff sign in at their own
 * identity provider and are matched by email to an invited staff account of that organisation.
 * Authorization code flow with PKCE, state and nonce; the flow's secrets travel in a signed cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Actor } from '$lib/domain/policy';
import { isStaff } from '$lib/domain/session-policy';
import { requireCoordinator } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { oidcConnection, person, user } from '../db/schema';
import { open, seal } from './secret-box';

const FLOW_COOKIE = 'herstelpad-sso';
const FLOW_SECONDS = 10 * 60;

export interface SsoSettings {
	issuer: string;
	clientId: string;
	enabled: boolean;
	/** When the ID token does not show multi-factor sign-in, ask Herstelpad's own second step. */
	requireMfa: boolean;
}

/** An organisation's SSO settings, without the secret. */
export async function ssoSettingsOf(db: Db, organisationId: string): Promise<SsoSettings | null> {
	const [row] = await db
		.select({
			issuer: oidcConnection.issuer,
			clientId: oidcConnection.clientId,
			enabled: oidcConnection.enabled,
			requireMfa: oidcConnection.requireMfa
		})
		.from(oidcConnection)
		.where(eq(oidcConnection.organisationId, organisationId));
	return row ?? null;
}

/** A coordinator saves their organisation's SSO settings; an empty secret keeps the stored one. */
export async function saveSsoSettings(
	db: Db,
	actor: Actor,
	props: {
		issuer: string;
		clientId: string;
		clientSecret: string | null;
		enabled: boolean;
		requireMfa: boolean;
	},
	appSecret: string
): Promise<'saved' | 'secret_required'> {
	const organisationId = requireCoordinator(actor);
	const existing = await ssoSettingsOf(db, organisationId);
	if (!existing && !props.clientSecret) return 'secret_required';
	await db.transaction(async (tx) => {
		const values = {
			issuer: props.issuer,
			clientId: props.clientId,
			enabled: props.enabled,
			requireMfa: props.requireMfa,
			...(props.clientSecret ? { clientSecretEncrypted: seal(props.clientSecret, appSecret) } : {})
		};
		if (existing)
			await tx.update(oidcConnection).set(values).where(eq(oidcConnection.organisationId, organisationId));
		else
			await tx.insert(oidcConnection).values({
				organisationId,
				...values,
				clientSecretEncrypted: seal(props.clientSecret ?? '', appSecret)
			});
		await record(tx, {
			eventType: 'organisation.sso_update',
			action: 'U',
			actor,
			object: { type: 'organisation', id: organisationId }
		});
	});
	return 'saved';
}

/** http issuers are allowed only on this machine (tests, a local provider); anywhere else https. */
function isLoopback(url: URL): boolean {
	return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

async function clientFor(
	db: Db,
	organisationId: string,
	appSecret: string
): Promise<{ client: oidc.Configuration; requireMfa: boolean } | null> {
	const [row] = await db
		.select()
		.from(oidcConnection)
		.where(and(eq(oidcConnection.organisationId, organisationId), eq(oidcConnection.enabled, true)));
	if (!row) return null;
	const issuer = new URL(row.issuer);
	const client = await oidc.discovery(
		issuer,
		row.clientId,
		open(row.clientSecretEncrypted, appSecret),
		undefined,
		issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined
	);
	return { client, requireMfa: row.requireMfa };
}

// RFC 8176 authentication method references by kind of factor: something you know, have or are.
const FACTOR_KIND: Record<string, 'know' | 'have' | 'are'> = {
	pwd: 'know',
	pin: 'know',
	kba: 'know',
	otp: 'have',
	hwk: 'have',
	swk: 'have',
	sc: 'have',
	sms: 'have',
	tel: 'have',
	pop: 'have',
	fpt: 'are',
	face: 'are',
	iris: 'are',
	retina: 'are',
	vbm: 'are'
};

// `acr` values that stand for a multi-factor sign-in: OpenID PAPE, eIDAS substantial/high,
// eHerkenning (eToegang) level 3 and up, and the SAML classes DigiD Midden/Substantieel/Hoog use.
const MULTI_FACTOR_ACR = new Set([
	'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
	'http://schemas.openid.net/pape/policies/2007/06/multi-factor-physical',
	'http://eidas.europa.eu/LoA/substantial',
	'http://eidas.europa.eu/LoA/high',
	'urn:etoegang:core:assurance-class:loa3',
	'urn:etoegang:core:assurance-class:loa4',
	'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
	'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered',
	'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI'
]);

/**
 * Whether an ID token's `amr` (RFC 8176) or `acr` claim shows a multi-factor sign-in: `mfa`, two
 * kinds of factor (e.g. `pwd` + `otp`), or an `acr` from the list above. One factor of one kind
 * (`pwd`, `otp` alone) is not enough; nothing is assumed from values we do not know.
 */
export function reportsMultiFactor(amr: unknown, acr?: unknown): boolean {
	if (typeof acr === 'string' && MULTI_FACTOR_ACR.has(acr)) return true;
	if (!Array.isArray(amr)) return false;
	const methods = amr.map(String);
	if (methods.includes('mfa')) return true;
	return new Set(methods.map((method) => FACTOR_KIND[method]).filter(Boolean)).size >= 2;
}

interface Flow {
	organisationId: string;
	verifier: string;
	state: string;
	nonce: string;
	until: number;
}

const signFlow = (value: string, secret: string) =>
	createHmac('sha256', secret).update(`sso:${value}`).digest('base64url');

/** The active staff member's organisation for an email, if it has SSO switched on. */
export async function ssoOrganisationFor(db: Db, email: string): Promise<string | null> {
	const [row] = await db
		.select({ organisationId: person.organisationId, role: person.role })
		.from(user)
		.innerJoin(person, eq(person.userId, user.id))
		.innerJoin(oidcConnection, eq(oidcConnection.organisationId, person.organisationId))
		.where(
			and(
				eq(sql`lower(${user.email})`, email.trim().toLowerCase()),
				isNull(person.deactivatedAt),
				eq(oidcConnection.enabled, true)
			)
		);
	return row && isStaff(row.role) ? row.organisationId : null;
}

/** Starts the flow: the provider's authorization URL, with its secrets kept in a signed cookie. */
export async function startSso(
	db: Db,
	cookies: Cookies,
	props: {
		organisationId: string;
		redirectUri: string;
		appSecret: string;
		secure: boolean;
		loginHint: string;
	}
): Promise<URL | null> {
	const client = (await clientFor(db, props.organisationId, props.appSecret))?.client;
	if (!client) return null;
	const flow: Flow = {
		organisationId: props.organisationId,
		verifier: oidc.randomPKCECodeVerifier(),
		state: oidc.randomState(),
		nonce: oidc.randomNonce(),
		until: Date.now() + FLOW_SECONDS * 1000
	};
	const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
	cookies.set(FLOW_COOKIE, `${value}.${signFlow(value, props.appSecret)}`, {
		path: '/inloggen/sso',
		httpOnly: true,
		// The provider sends the browser back with a top-level GET: Lax lets the cookie come along.
		sameSite: 'lax',
		secure: props.secure,
		maxAge: FLOW_SECONDS
	});
	return oidc.buildAuthorizationUrl(client, {
		redirect_uri: props.redirectUri,
		scope: 'openid email profile',
		code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
		code_challenge_method: 'S256',
		state: flow.state,
		nonce: flow.nonce,
		login_hint: props.loginHint
	});
}

function takeFlow(cookies: Cookies, appSecret: string, secure: boolean): Flow | null {
	const raw = cookies.get(FLOW_COOKIE);
	cookies.delete(FLOW_COOKIE, { path: '/inloggen/sso', secure });
	if (!raw) return null;
	const [value = '', signature = ''] = raw.split('.');
	const expected = Buffer.from(signFlow(value, appSecret));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	try {
		const flow = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Flow;
		return flow.until > Date.now() ? flow : null;
	} catch {
		return null;
	}
}

/**
 * Finishes the flow at the callback: exchanges the code, checks state, nonce and the ID token, and
 * returns the invited staff account with the provider's verified email in that organisation.
 */
export async function finishSso(
	db: Db,
	cookies: Cookies,
	props: { callbackUrl: URL; appSecret: string; secure: boolean }
): Promise<
	| { userId: string; multiFactor: boolean; requireMfa: boolean }
	| { problem: 'flow' | 'provider' | 'no_account' }
> {
	const flow = takeFlow(cookies, props.appSecret, props.secure);
	if (!flow) return { problem: 'flow' };
	const connection = await clientFor(db, flow.organisationId, props.appSecret).catch(() => null);
	if (!connection) return { problem: 'provider' };
	const { client, requireMfa } = connection;
	const tokens = await oidc
		.authorizationCodeGrant(client, props.callbackUrl, {
			pkceCodeVerifier: flow.verifier,
			expectedState: flow.state,
			expectedNonce: flow.nonce,
			idTokenExpected: true
		})
		.catch(() => null);
	const idClaims = tokens?.claims();
	if (!tokens || !idClaims) return { problem: 'provider' };
	// Providers may keep the email out of the ID token (scope claims go to the UserInfo endpoint).
	const claims =
		typeof idClaims.email === 'string'
			? idClaims
			: await oidc.fetchUserInfo(client, tokens.access_token, idClaims.sub).catch(() => null);
	if (!claims) return { problem: 'provider' };
	const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
	if (!email || claims.email_verified !== true) return { problem: 'no_account' };
	const [row] = await db
		.select({ userId: user.id, role: person.role })
		.from(user)
		.innerJoin(person, eq(person.userId, user.id))
		.where(
			and(
				eq(sql`lower(${user.email})`, email),
				eq(person.organisationId, flow.organisationId),
				isNull(person.deactivatedAt)
			)
		);
	if (!row || !isStaff(row.role)) return { problem: 'no_account' };
	// Only the ID token speaks for this sign-in: UserInfo says who someone is, not how they signed in.
	return { userId: row.userId, multiFactor: reportsMultiFactor(idClaims.amr, idClaims.acr), requireMfa };
}
