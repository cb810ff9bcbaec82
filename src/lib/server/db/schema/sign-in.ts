/**
 * Ways in besides a password: printed login cards, links sent by email (magic links, invitations,
 * password resets) and an organisation's single sign-on; and the rate-limit counters that guard them.
 */
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { organisation, person } from './organisations-people';

/**
 * A printed login card: a long one-time code, stored only as a SHA-256 hash (the code has 80 random
 * bits, so a slow hash adds nothing). Single use, expires, and a newer card revokes older ones.
 */
export const loginCard = pgTable(
	'login_card',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull().unique(),
		issuedByPersonId: uuid('issued_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(table) => [index('login_card_person_idx').on(table.personId)]
);

/**
 * Fixed-window counters for rate limits (sign-in and later code entry, magic links, MFA). In the
 * database so every app instance counts together.
 */
export const rateLimit = pgTable('rate_limit', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});

export const signInLinkPurposeEnum = pgEnum('sign_in_link_purpose', [
	'magic_link',
	'invitation',
	'password_reset'
]);

/**
 * A link sent by email: a magic sign-in link (15 minutes) or a staff invitation (7 days). The token
 * has 256 random bits and is stored only as a SHA-256 hash; single use.
 */
export const signInLink = pgTable(
	'sign_in_link',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		purpose: signInLinkPurposeEnum('purpose').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(table) => [index('sign_in_link_person_idx').on(table.personId)]
);

/**
 * Single sign-on for one organisation (OpenID Connect). Staff sign in at the organisation's provider
 * and are matched to their invited account by email. The client secret is encrypted like TOTP secrets.
 */
export const oidcConnection = pgTable('oidc_connection', {
	organisationId: uuid('organisation_id')
		.primaryKey()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	issuer: text('issuer').notNull(),
	clientId: text('client_id').notNull(),
	clientSecretEncrypted: text('client_secret_encrypted').notNull(),
	enabled: boolean('enabled').notNull().default(true),
	/** Ask Herstelpad's own second factor when the provider's ID token does not report MFA (amr/acr). */
	requireMfa: boolean('require_mfa').notNull().default(true),
	...timestamps
});
