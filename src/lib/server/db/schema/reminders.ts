/**
 * Weekly check-in reminders: each participant's preference, the exactly-once claim per week, web-push
 * subscriptions and the app's shared VAPID keys.
 */
import {
	boolean,
	date,
	index,
	pgEnum,
	pgTable,
	primaryKey,
	smallint,
	text,
	time,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { person } from './organisations-people';
import { courseGroup } from './groups';

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
