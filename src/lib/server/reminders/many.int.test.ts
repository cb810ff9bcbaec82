/**
 * The reminder run at a very large organisation: past PostgreSQL's 65,535 bind parameters, the
 * participants' ids go as one array parameter, so the run does not throw.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildOrganisation } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { dueReminders } from './deliver';

const PARTICIPANTS = 65_536;
let db: Db;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	// Tuesdays at 14:00 from 1 September 2026.
	const group = await buildGroup(db, { organisationId: org.id });
	await db.execute(sql`
		with added as (
			insert into person (organisation_id, role, display_name)
			select ${org.id}::uuid, 'participant', 'Deelnemer ' || n from generate_series(1, ${PARTICIPANTS}::int) n
			returning id
		), members as (
			insert into group_member (group_id, person_id) select ${group.id}::uuid, id from added
		)
		insert into reminder_preference (person_id, enabled, channel, weekday, time)
		select id, true, 'push', 1, '10:00' from added`);
}, 300_000);

describe('the reminder run', () => {
	it(`finds the reminders due for ${PARTICIPANTS} participants without a parameter per participant`, async () => {
		// Tuesday 6 October 10:00: Monday's reminders of the week from 29 September are due.
		const due = await dueReminders(db, new Date('2026-10-06T08:00:00Z'));
		expect(due).toHaveLength(PARTICIPANTS);
		expect(due[0]).toMatchObject({ weekStart: '2026-09-29' });
	}, 300_000);
});
