import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { buildTrainerWeek, type TrainerWeek } from '../../../../tests/helpers/trainer-week';
import { buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import type { Db } from '../db/client';
import { auditEvent } from '../db/schema';
import { groupsAtAGlance } from './glance';

let db: Db;
let week: TrainerWeek;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	week = await buildTrainerWeek(db);
});

describe('the group at a glance', () => {
	it('shows each participant’s week in one row, and logs every participant shown', async () => {
		const rows = (await groupsAtAGlance(db, week.trainer)).get(week.groupId) ?? [];
		expect(rows.map((row) => row.displayName)).toEqual(week.participants.map((p) => p.displayName));
		const [never, checkedIn, writer, answered, helpSeeker, practiser] = rows;
		expect(never).toMatchObject({ lastSignIn: null, step: null, closeness: null, checkInWeek: true });
		expect(checkedIn?.lastSignIn).toBeInstanceOf(Date);
		expect(checkedIn).toMatchObject({ closeness: 4, step: expect.stringContaining('wandelen') });
		expect(writer).toMatchObject({ unread: 1, helpOpen: false, practiceWaiting: 0 });
		// The co-trainer answered: no longer waiting for this trainer.
		expect(answered?.unread).toBe(0);
		expect(helpSeeker?.helpOpen).toBe(true);
		expect(practiser?.practiceWaiting).toBe(1);

		const logged = await db
			.select({ participantId: auditEvent.participantId })
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.eventType, 'group.overview.read'),
					eq(auditEvent.actorPersonId, week.trainer.personId)
				)
			);
		expect(logged.map((row) => row.participantId).sort()).toEqual(
			week.participants.map((p) => p.personId).sort()
		);
	});

	it('is refused to anyone but a trainer, and shows a trainer only their own groups', async () => {
		await expect(groupsAtAGlance(db, week.participants[1]!)).rejects.toMatchObject({ name: 'Forbidden' });
		const other = await buildOrganisation(db);
		const stranger = await buildPerson(db, { organisationId: other.id, role: 'trainer' });
		expect((await groupsAtAGlance(db, stranger)).size).toBe(0);
	});
});
