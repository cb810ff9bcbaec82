/**
 * Login identities (better-auth): one `user` row per login identity, its sessions and accounts, and
 * its second factors (TOTP, backup codes, passkeys). Auth tables follow better-auth's model names and
 * field names (camelCase keys, snake_case columns).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './common';

export const user = pgTable(
	'user',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		email: text('email').notNull().unique(),
		emailVerified: boolean('email_verified').notNull().default(false),
		image: text('image'),
		...timestamps
	},
	// Sign-in, links, SSO and invitations look people up by lower(email): this index answers them,
	// and it keeps two accounts from differing only in case.
	(table) => [uniqueIndex('user_email_lower_uq').on(sql`lower(${table.email})`)]
);

/**
 * A signed-in session. `token` holds the SHA-256 of the cookie's random token (never the token
 * itself). `expiresAt` is the absolute limit; `lastSeenAt` drives the idle timeout; a staff session
 * without `secondFactor` may only finish signing in (MFA).
 */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		token: text('token').notNull().unique(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		/** How the person got in: password, login_card, passkey, magic_link, oidc. */
		method: text('method').notNull().default('password'),
		/** The second factor proven in this session: totp, backup_code, passkey, oidc; null if none. */
		secondFactor: text('second_factor'),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		...timestamps
	},
	(table) => [index('session_user_idx').on(table.userId)]
);

export const account = pgTable(
	'account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		password: text('password'),
		...timestamps
	},
	(table) => [index('account_user_idx').on(table.userId)]
);

/**
 * A TOTP authenticator (RFC 6238). The secret is encrypted with a key derived from the app secret.
 * `lastUsedStep` makes every code usable once. Unconfirmed until the first code is entered.
 */
export const totpFactor = pgTable('totp_factor', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	secretEncrypted: text('secret_encrypted').notNull(),
	confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
	lastUsedStep: bigint('last_used_step', { mode: 'number' }).notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** One-time backup codes for staff who lose their authenticator; SHA-256 stored, each usable once. */
export const backupCode = pgTable(
	'backup_code',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('backup_code_user_idx').on(table.userId)]
);

/** A WebAuthn credential (passkey). `id` is the credential id (base64url). */
export const passkey = pgTable(
	'passkey',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		publicKey: text('public_key').notNull(),
		counter: bigint('counter', { mode: 'number' }).notNull().default(0),
		transports: text('transports'),
		deviceLabel: text('device_label'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true })
	},
	(table) => [index('passkey_user_idx').on(table.userId)]
);
