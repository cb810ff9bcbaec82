/**
 * The database schema. Auth tables follow better-auth's model names and field names (camelCase keys,
 * snake_case columns); the domain tables hold organisations, people, groups and memberships.
 * Migrations are generated from this file with `npm run db:generate` and committed in drizzle/.
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	time,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true })
		.notNull()
		.defaultNow()
		.$onUpdate(() => new Date())
};

// ---------------------------------------------------------------------------------------------
// Authentication (better-auth). One `user` row per login identity.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Domain: organisations (tenants), people and their roles, groups.
// ---------------------------------------------------------------------------------------------

export const organisation = pgTable('organisation', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	slug: text('slug').notNull().unique(),
	/** Demo organisations hold synthetic data only and are marked "Demo" in the UI. */
	isDemo: boolean('is_demo').notNull().default(false),
	/** Whether participants see staff names in "who viewed my data" (otherwise role and organisation only). */
	showStaffNamesInAccessLog: boolean('show_staff_names_in_access_log').notNull().default(true),
	...timestamps
});

export const roleEnum = pgEnum('role', [
	'participant',
	'trainer',
	'coordinator',
	'researcher',
	'significant_other',
	'platform_admin'
]);

/**
 * A person known to Herstelpad, with one role. Every role except platform admin belongs to one
 * organisation. `userId` links the person to a login identity; later login methods (login card,
 * passkey, magic link) attach to the same user.
 */
export const person = pgTable(
	'person',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'restrict' }),
		userId: text('user_id')
			.unique()
			.references(() => user.id, { onDelete: 'set null' }),
		role: roleEnum('role').notNull(),
		displayName: text('display_name').notNull(),
		/** A trainer who is a peer expert (ervaringsdeskundige); same rights as other trainers. */
		isPeerExpert: boolean('is_peer_expert').notNull().default(false),
		phone: text('phone'),
		preferredLocale: text('preferred_locale'),
		deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
		...timestamps
	},
	(table) => [
		index('person_organisation_idx').on(table.organisationId),
		// The coordinator's people list (people/queries.ts): one page in (role, name, id) order, per
		// organisation; the partial one serves the "turned off" filter; the GIN one the name search.
		index('person_people_list_idx').on(
			table.organisationId,
			table.role,
			sql`lower(${table.displayName})`,
			table.id
		),
		index('person_people_inactive_idx')
			.on(table.organisationId, table.role, sql`lower(${table.displayName})`, table.id)
			.where(sql`${table.deactivatedAt} is not null`),
		index('person_name_search_idx').using('gin', sql`to_tsvector('simple', ${table.displayName})`),
		check(
			'person_organisation_matches_role',
			sql`(${table.role} = 'platform_admin') = (${table.organisationId} is null)`
		),
		check('person_peer_expert_is_trainer', sql`not ${table.isPeerExpert} or ${table.role} = 'trainer'`)
	]
);

/** A course instance (herstelgroep): meets weekly on `weekday` (1 = Monday … 7 = Sunday) at `startTime`. */
export const courseGroup = pgTable(
	'course_group',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'restrict' }),
		name: text('name').notNull(),
		location: text('location').notNull(),
		weekday: smallint('weekday').notNull(),
		startTime: time('start_time').notNull(),
		startDate: date('start_date').notNull(),
		endDate: date('end_date'),
		...timestamps
	},
	(table) => [
		index('course_group_organisation_idx').on(table.organisationId),
		// The people list's search by group name.
		index('course_group_name_search_idx').using('gin', sql`to_tsvector('simple', ${table.name})`),
		uniqueIndex('course_group_org_name_uq').on(table.organisationId, table.name),
		check('course_group_weekday_range', sql`${table.weekday} between 1 and 7`)
	]
);

export const groupTrainer = pgTable(
	'group_trainer',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.groupId, table.personId] }),
		// "Which groups does this trainer train" is asked on every trainer page.
		index('group_trainer_person_idx').on(table.personId)
	]
);

export const groupMember = pgTable(
	'group_member',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(table) => [
		primaryKey({ columns: [table.groupId, table.personId] }),
		index('group_member_person_idx').on(table.personId)
	]
);

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

// ---------------------------------------------------------------------------------------------
// Access log (NEN 7513). Append-only: written by $lib/server/audit/record.ts inside the action's
// transaction. Database triggers (migration 0001) set chain_seq, previous_hash and hash, refuse
// UPDATE, TRUNCATE and DELETE of rows younger than five years.
// ---------------------------------------------------------------------------------------------

/** FHIR AuditEvent.action codes: create, read, update, delete, execute (print, export, search). */
export const auditActionEnum = pgEnum('audit_action', ['C', 'R', 'U', 'D', 'E']);
export const auditOutcomeEnum = pgEnum('audit_outcome', ['success', 'failure']);

export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** Position in the hash chain; set by the insert trigger under a lock. */
		chainSeq: bigint('chain_seq', { mode: 'number' }).notNull().default(0).unique(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
		eventType: text('event_type').notNull(),
		action: auditActionEnum('action').notNull(),
		outcome: auditOutcomeEnum('outcome').notNull(),
		// Snapshots, not foreign keys: log rows outlive the people and objects they mention.
		actorPersonId: uuid('actor_person_id'),
		actorRole: text('actor_role'),
		actorName: text('actor_name'),
		actorOrganisationId: uuid('actor_organisation_id'),
		onBehalfOfPersonId: uuid('on_behalf_of_person_id'),
		participantId: uuid('participant_id'),
		/** The participants a list read showed (one row per page, not one per participant). */
		participantIds: uuid('participant_ids').array(),
		organisationId: uuid('organisation_id'),
		objectType: text('object_type'),
		objectId: text('object_id'),
		accessPoint: text('access_point'),
		previousHash: text('previous_hash'),
		hash: text('hash').notNull().default('')
	},
	(table) => [
		index('audit_event_participant_idx').on(table.participantId, table.recordedAt),
		index('audit_event_participant_ids_idx').using('gin', table.participantIds),
		index('audit_event_organisation_idx').on(table.organisationId, table.recordedAt),
		index('audit_event_actor_idx').on(table.actorPersonId, table.recordedAt),
		// The coordinator's log viewer (audit/queries.ts): a filter by action reads only those rows,
		// newest first; rows an organisation's people wrote about another organisation's data are
		// rare, so their index holds only those.
		index('audit_event_organisation_action_idx').on(table.organisationId, table.action, table.recordedAt),
		index('audit_event_actor_organisation_idx')
			.on(table.actorOrganisationId, table.recordedAt)
			.where(sql`organisation_id is distinct from actor_organisation_id`),
		// "Has this participant ever signed in?" (the attention lists) without reading their other rows.
		index('audit_event_sign_in_idx')
			.on(table.actorPersonId)
			.where(
				sql`${table.eventType} in ('auth.sign_in', 'login_card.use', 'auth.link_use') and ${table.outcome} = 'success'`
			)
	]
);

// ---------------------------------------------------------------------------------------------
// Second factors and sign-in links.
// ---------------------------------------------------------------------------------------------

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
 * Form input kept when a session ended before the form was sent (WCAG 2.2.1 / 3.3.7): restored on
 * the same page after signing in again, then removed. One draft per person and page.
 */
export const formDraft = pgTable(
	'form_draft',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		path: text('path').notNull(),
		fields: jsonb('fields').$type<Record<string, string>>().notNull(),
		savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.userId, table.path] })]
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

// ---------------------------------------------------------------------------------------------
// Curriculum: versions of an organisation's modules and steps, media, each group's course and
// every participant's progress and answers. Steps are known across versions by (module number, key).
// ---------------------------------------------------------------------------------------------

/** Text in both languages. */
export type LocalisedText = { nl: string; en: string };

export const stepKindEnum = pgEnum('step_kind', ['text', 'video', 'exercise', 'practice']);
export const moduleStateEnum = pgEnum('module_state', ['open', 'coming', 'closed']);

/** One version of an organisation's curriculum. Version 1 is the starter curriculum (content/). */
export const curriculumVersion = pgTable(
	'curriculum_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		/** Null while coordinators are still editing it; groups can only move to a published version. */
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [uniqueIndex('curriculum_version_org_number_uq').on(table.organisationId, table.number)]
);

/** A peer-expert video with its captions and transcript, stored under DATA_DIR/media with random names. */
export const media = pgTable(
	'media',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		title: jsonb('title').$type<LocalisedText>().notNull(),
		videoFile: text('video_file').notNull(),
		videoType: text('video_type').notNull(),
		videoBytes: bigint('video_bytes', { mode: 'number' }).notNull(),
		posterFile: text('poster_file'),
		/** Caption files (WebVTT) per language. */
		captionFiles: jsonb('caption_files').$type<Partial<LocalisedText>>().notNull(),
		transcript: jsonb('transcript').$type<Partial<LocalisedText>>().notNull(),
		/** For media that came with the starter curriculum: its folder name in content/media. */
		starterName: text('starter_name'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		index('media_organisation_idx').on(table.organisationId),
		uniqueIndex('media_org_starter_uq').on(table.organisationId, table.starterName)
	]
);

export const curriculumModule = pgTable(
	'curriculum_module',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		versionId: uuid('version_id')
			.notNull()
			.references(() => curriculumVersion.id, { onDelete: 'cascade' }),
		number: smallint('number').notNull(),
		slug: text('slug').notNull(),
		title: jsonb('title').$type<LocalisedText>().notNull(),
		summary: jsonb('summary').$type<LocalisedText>().notNull()
	},
	(table) => [uniqueIndex('curriculum_module_version_number_uq').on(table.versionId, table.number)]
);

export const curriculumStep = pgTable(
	'curriculum_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		moduleId: uuid('module_id')
			.notNull()
			.references(() => curriculumModule.id, { onDelete: 'cascade' }),
		/** Stable name across versions, e.g. "01-wat-is-herstel". */
		key: text('key').notNull(),
		position: smallint('position').notNull(),
		kind: stepKindEnum('kind').notNull(),
		title: jsonb('title').$type<LocalisedText>().notNull(),
		/** Markdown as written, and the safe HTML made from it when saved. */
		body: jsonb('body').$type<LocalisedText>().notNull(),
		bodyHtml: jsonb('body_html').$type<LocalisedText>().notNull(),
		question: jsonb('question').$type<LocalisedText>(),
		mediaId: uuid('media_id').references(() => media.id, { onDelete: 'set null' })
	},
	(table) => [
		uniqueIndex('curriculum_step_module_key_uq').on(table.moduleId, table.key),
		index('curriculum_step_media_idx').on(table.mediaId)
	]
);

/** The curriculum version a group follows; it moves only when a trainer chooses. */
export const groupCourse = pgTable('group_course', {
	groupId: uuid('group_id')
		.primaryKey()
		.references(() => courseGroup.id, { onDelete: 'cascade' }),
	versionId: uuid('version_id')
		.notNull()
		.references(() => curriculumVersion.id, { onDelete: 'restrict' }),
	...timestamps
});

/** Per group and module: open, coming (shown, not yet open) or closed (not shown); order; session date. */
export const groupModule = pgTable(
	'group_module',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		state: moduleStateEnum('state').notNull().default('coming'),
		position: smallint('position').notNull(),
		sessionDate: date('session_date'),
		...timestamps
	},
	(table) => [primaryKey({ columns: [table.groupId, table.moduleNumber] })]
);

/** A step a trainer hid for one group. */
export const groupHiddenStep = pgTable(
	'group_hidden_step',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		stepKey: text('step_key').notNull(),
		hiddenByPersonId: uuid('hidden_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.groupId, table.moduleNumber, table.stepKey] })]
);

/** Which steps a participant has seen and finished. */
export const stepProgress = pgTable(
	'step_progress',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		stepKey: text('step_key').notNull(),
		seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true })
	},
	(table) => [primaryKey({ columns: [table.personId, table.moduleNumber, table.stepKey] })]
);

/** A participant's answer to an exercise or home-practice step, saved as they type. */
export const exerciseAnswer = pgTable(
	'exercise_answer',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		stepKey: text('step_key').notNull(),
		answer: text('answer').notNull(),
		...timestamps
	},
	(table) => [primaryKey({ columns: [table.personId, table.moduleNumber, table.stepKey] })]
);

export const groupItemKindEnum = pgEnum('group_item_kind', ['text', 'link', 'exercise', 'file']);

/**
 * A group's own item in a module, added by its trainer: a short text, a link, an exercise or a file
 * (PDF or picture, stored like media under DATA_DIR/media). Shown
 * to the group's participants after the module's steps, as step "eigen-<id>".
 */
export const groupItem = pgTable(
	'group_item',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number').notNull(),
		kind: groupItemKindEnum('kind').notNull(),
		title: text('title').notNull(),
		/** Markdown as written, and the safe HTML made from it. */
		body: text('body').notNull().default(''),
		bodyHtml: text('body_html').notNull().default(''),
		url: text('url'),
		question: text('question'),
		/** For a file: the stored name, its type (from its first bytes), the name it had, its size. */
		fileName: text('file_name'),
		fileType: text('file_type'),
		fileLabel: text('file_label'),
		fileBytes: integer('file_bytes'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('group_item_group_module_idx').on(table.groupId, table.moduleNumber)]
);

// ---------------------------------------------------------------------------------------------
// Recovery goals, their steps and the weekly check-in; reminders. Goals are never overwritten: a
// change, a reached or a stopped goal leaves a goal_event with the text before and the reason.
// ---------------------------------------------------------------------------------------------

export const lifeAreaEnum = pgEnum('life_area', [
	'housing',
	'work',
	'relationships',
	'health',
	'leisure',
	'learning',
	'meaning'
]);
export const goalStatusEnum = pgEnum('goal_status', ['active', 'reached', 'stopped']);
export const goalStepStatusEnum = pgEnum('goal_step_status', ['open', 'done', 'replaced']);

/** A participant's recovery goal in their own words, and why it matters to them. */
export const recoveryGoal = pgTable(
	'recovery_goal',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		lifeArea: lifeAreaEnum('life_area').notNull(),
		text: text('text').notNull(),
		why: text('why').notNull().default(''),
		status: goalStatusEnum('status').notNull().default('active'),
		/** "My goal now": at most one per participant. */
		isCurrent: boolean('is_current').notNull().default(false),
		/** Set when a trainer wrote the goal for the participant ("added by trainer X"). */
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		...timestamps
	},
	(table) => [
		index('recovery_goal_person_idx').on(table.personId),
		uniqueIndex('recovery_goal_one_current_uq')
			.on(table.personId)
			.where(sql`${table.isCurrent}`)
	]
);

/** A step towards a goal (a short-term goal or action plan) with the check-in week it aims for. */
export const goalStep = pgTable(
	'goal_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => recoveryGoal.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		/** The local date of the session that starts the week the step aims for (null: no date chosen). */
		targetWeek: date('target_week'),
		status: goalStepStatusEnum('status').notNull().default('open'),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('goal_step_goal_idx').on(table.goalId), index('goal_step_person_idx').on(table.personId)]
);

/** The history of a goal: every creation, change, step, reached or stopped, with who and why. */
export const goalEvent = pgTable(
	'goal_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => recoveryGoal.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		/** The text before a change, and the participant's short reason for it. */
		before: text('before'),
		after: text('after'),
		reason: text('reason'),
		byPersonId: uuid('by_person_id').references(() => person.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('goal_event_goal_idx').on(table.goalId)]
);

export const workedEnum = pgEnum('check_in_worked', ['yes', 'a_bit', 'not_yet']);

/**
 * A weekly check-in, for the week that starts on `weekStart` (the session date). One per participant
 * per group per week, and the idempotency key of the submit makes a repeated submit a no-op.
 */
export const checkIn = pgTable(
	'check_in',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		weekStart: date('week_start').notNull(),
		idempotencyKey: uuid('idempotency_key').notNull().unique(),
		worked: workedEnum('worked').notNull(),
		closeness: smallint('closeness').notNull(),
		bringUp: text('bring_up').notNull().default(''),
		goalId: uuid('goal_id').references(() => recoveryGoal.id, { onDelete: 'set null' }),
		stepId: uuid('step_id').references(() => goalStep.id, { onDelete: 'set null' }),
		/** The step for next week when the participant changed it. */
		newStepId: uuid('new_step_id').references(() => goalStep.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		uniqueIndex('check_in_person_week_uq').on(table.personId, table.groupId, table.weekStart),
		index('check_in_group_week_idx').on(table.groupId, table.weekStart),
		check('check_in_closeness_range', sql`${table.closeness} between 1 and 5`)
	]
);

/** A check-in in progress: the answers so far, kept if the session ends midway. */
export const checkInDraft = pgTable(
	'check_in_draft',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		weekStart: date('week_start').notNull(),
		idempotencyKey: uuid('idempotency_key').notNull().defaultRandom(),
		answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.groupId, table.weekStart] })]
);

/**
 * The idempotency key a form carries (made when the page rendered), claimed in the transaction of the
 * write it guards. A replay — a resend after a lost answer, a double click, two at once — finds the
 * claim (or waits for it on the primary key) and answers with the stored result instead of writing.
 */
export const formSubmission = pgTable(
	'form_submission',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		/** Which write the key was for (e.g. 'message.send'): a key copied to another form is a new key there. */
		action: text('action').notNull(),
		key: uuid('key').notNull(),
		/** What the first write answered (its id or outcome), given again to a replay. */
		result: jsonb('result'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.action, table.key] })]
);

export const reminderChannelEnum = pgEnum('reminder_channel', ['email', 'push']);

/** Whether, when and how a participant wants the weekly check-in reminder. Off until they choose. */
export const reminderPreference = pgTable('reminder_preference', {
	personId: uuid('person_id')
		.primaryKey()
		.references(() => person.id, { onDelete: 'cascade' }),
	enabled: boolean('enabled').notNull().default(false),
	channel: reminderChannelEnum('channel').notNull().default('email'),
	/** 1 = Monday … 7 = Sunday, Dutch local time. */
	weekday: smallint('weekday').notNull().default(1),
	time: time('time').notNull().default('10:00'),
	/** No reminders between these local times (quiet hours); a reminder due then waits. */
	quietFrom: time('quiet_from').notNull().default('22:00'),
	quietUntil: time('quiet_until').notNull().default('08:00'),
	lastDeliveredAt: timestamp('last_delivered_at', { withTimezone: true }),
	lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
	lastError: text('last_error'),
	...timestamps
});

/**
 * The claim that makes reminders exactly-once: one row per participant, group and week, inserted in
 * the transaction that sends the reminder. A second worker with the same job finds the row and stops.
 */
export const reminderSent = pgTable(
	'reminder_sent',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		weekStart: date('week_start').notNull(),
		channel: reminderChannelEnum('channel').notNull(),
		/** 'sent', or why nothing was sent (checked in meanwhile, switched off). */
		outcome: text('outcome').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.groupId, table.weekStart] })]
);

/** A browser's web-push subscription (endpoint and keys), for reminders by push. */
export const pushSubscription = pgTable(
	'push_subscription',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull().unique(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('push_subscription_person_idx').on(table.personId)]
);

/** Keys the app makes once and every instance shares (the VAPID key pair for web push). */
export const appKey = pgTable('app_key', {
	name: text('name').primaryKey(),
	/** Public part as is; private part sealed with AUTH_SECRET (auth/secret-box.ts). */
	publicValue: text('public_value').notNull(),
	privateSealed: text('private_sealed').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

// ---------------------------------------------------------------------------------------------
// Personal guidance: "Ik kom er niet uit" help requests from participants to their group's trainers.
// ---------------------------------------------------------------------------------------------

/** A participant's "I'm stuck": which screen it came from, open until a trainer closes it with a note. */
export const helpRequest = pgTable(
	'help_request',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		/** The path of the screen the participant was on (no query string). */
		fromPath: text('from_path').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		closedByPersonId: uuid('closed_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		closeNote: text('close_note')
	},
	(table) => [
		index('help_request_group_idx').on(table.groupId, table.closedAt),
		// One open request per participant: a second tap finds the first.
		uniqueIndex('help_request_one_open_uq')
			.on(table.personId)
			.where(sql`${table.closedAt} is null`)
	]
);

export const intakeDeviceEnum = pgEnum('intake_device', ['smartphone', 'tablet', 'computer', 'none']);
export const intakePathEnum = pgEnum('intake_path', ['own_device', 'guided', 'paper']);

/**
 * The digital-readiness intake a trainer fills in with a participant before the start: device,
 * internet, email, confidence with apps, help wanted — and the path it suggests.
 */
export const digitalIntake = pgTable(
	'digital_intake',
	{
		personId: uuid('person_id')
			.primaryKey()
			.references(() => person.id, { onDelete: 'cascade' }),
		device: intakeDeviceEnum('device').notNull(),
		internetAtHome: boolean('internet_at_home').notNull(),
		hasEmail: boolean('has_email').notNull(),
		confidence: smallint('confidence').notNull(),
		helpWanted: boolean('help_wanted').notNull(),
		path: intakePathEnum('path').notNull(),
		doneByPersonId: uuid('done_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [check('digital_intake_confidence_range', sql`${table.confidence} between 1 and 5`)]
);

/**
 * Messages between a participant and the trainers of their group: one thread per participant
 * (`personId`), written by the participant or any of the group's trainers (`authorPersonId`).
 */
export const message = pgTable(
	'message',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		authorPersonId: uuid('author_person_id').references(() => person.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('message_thread_idx').on(table.personId, table.createdAt)]
);

/** Up to when each reader (participant or trainer) has read a participant's thread. */
export const messageRead = pgTable(
	'message_read',
	{
		readerPersonId: uuid('reader_person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.readerPersonId, table.personId] })]
);

/** Starter lessons a participant finished (how to sign in, go home, play a video, do the check-in). */
export const starterLessonDone = pgTable(
	'starter_lesson_done',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		lesson: text('lesson').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [primaryKey({ columns: [table.personId, table.lesson] })]
);

export const sessionStatusEnum = pgEnum('session_status', ['planned', 'cancelled']);

/**
 * One meeting of a group: the course calendar, generated weekly for about a year when the group is
 * made and edited since (moved, cancelled, added). Holidays are kept as cancelled sessions so the
 * calendar shows why there is no meeting that week.
 */
export const groupSession = pgTable(
	'group_session',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		date: date('date').notNull(),
		startTime: time('start_time').notNull(),
		status: sessionStatusEnum('status').notNull().default('planned'),
		/** Why it does not take place: the holiday's name or the trainer's words. */
		cancelReason: text('cancel_reason'),
		holiday: boolean('holiday').notNull().default(false),
		/** The date it was generated on, when it has been moved. */
		movedFrom: date('moved_from'),
		/** Added by hand rather than generated. */
		added: boolean('added').notNull().default(false),
		moduleNumber: smallint('module_number'),
		topic: text('topic').notNull().default(''),
		/** The trainers' own notes; never shown to participants. */
		notes: text('notes').notNull().default(''),
		...timestamps
	},
	(table) => [uniqueIndex('group_session_group_date_uq').on(table.groupId, table.date)]
);

export const attendanceStatusEnum = pgEnum('attendance_status', ['present', 'excused', 'absent']);

export const sessionAttendance = pgTable(
	'session_attendance',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSession.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		status: attendanceStatusEnum('status').notNull(),
		recordedByPersonId: uuid('recorded_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [
		primaryKey({ columns: [table.sessionId, table.personId] }),
		index('session_attendance_person_idx').on(table.personId)
	]
);

export const practiceAnswerKindEnum = pgEnum('practice_answer_kind', ['text', 'choice']);

/**
 * The home practice (thuisopdracht) a trainer gives at a session, to do before the next one: one of
 * the module's practice steps (its texts copied in both languages) or the trainer's own words.
 */
export const homePractice = pgTable(
	'home_practice',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		groupId: uuid('group_id')
			.notNull()
			.references(() => courseGroup.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => groupSession.id, { onDelete: 'cascade' }),
		moduleNumber: smallint('module_number'),
		stepKey: text('step_key'),
		text: jsonb('text').$type<LocalisedText>().notNull(),
		answerKind: practiceAnswerKindEnum('answer_kind').notNull().default('text'),
		/** The choices, when answered by choosing (the trainer's words, shown as written). */
		choices: jsonb('choices').$type<string[]>().notNull().default([]),
		createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		...timestamps
	},
	(table) => [
		uniqueIndex('home_practice_session_uq').on(table.sessionId),
		// The newest home practice of a group (attention lists).
		index('home_practice_group_idx').on(table.groupId)
	]
);

export const homePracticeAnswer = pgTable(
	'home_practice_answer',
	{
		practiceId: uuid('practice_id')
			.notNull()
			.references(() => homePractice.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => person.id, { onDelete: 'cascade' }),
		answer: text('answer').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
		feedback: text('feedback'),
		feedbackByPersonId: uuid('feedback_by_person_id').references(() => person.id, { onDelete: 'set null' }),
		feedbackAt: timestamp('feedback_at', { withTimezone: true })
	},
	(table) => [
		primaryKey({ columns: [table.practiceId, table.personId] }),
		index('home_practice_answer_person_idx').on(table.personId)
	]
);

/** Participants who have seen (or skipped) the first-use tour. */
export const tourSeen = pgTable('tour_seen', {
	personId: uuid('person_id')
		.primaryKey()
		.references(() => person.id, { onDelete: 'cascade' }),
	seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow()
});
