import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_SECRET } from '../../../../tests/helpers/db';
import { verifyPassword } from '../auth/password';
import type { Db } from '../db/client';
import { account, courseGroup, groupMember, groupTrainer, organisation, person, user } from '../db/schema';
import { DEMO_PASSWORD, demoPeople, seedDemo } from './seed';

let db: Db;
beforeAll(async () => {
	db = (await createTestDatabase()).db;
});

describe('seedDemo', () => {
	it('creates one marked demo organisation with a coordinator, two trainers (one peer expert) and a group of 8', async () => {
		await Promise.all([seedDemo(db, TEST_SECRET), seedDemo(db, TEST_SECRET)]);
		await seedDemo(db, TEST_SECRET);
		const orgs = await db.select().from(organisation);
		expect(orgs).toHaveLength(1);
		expect(orgs[0]).toMatchObject({ slug: 'demo', isDemo: true });
		const people = await db.select({ role: person.role, peer: person.isPeerExpert }).from(person);
		expect(people.filter((p) => p.role === 'coordinator')).toHaveLength(1);
		expect(
			people
				.filter((p) => p.role === 'trainer')
				.map((p) => p.peer)
				.sort()
		).toEqual([false, true]);
		const [group] = await db.select().from(courseGroup);
		expect(group?.name).toBe('Herstelgroep Demo');
		expect(
			await db
				.select()
				.from(groupMember)
				.where(eq(groupMember.groupId, group?.id ?? ''))
		).toHaveLength(8);
		expect(
			await db
				.select()
				.from(groupTrainer)
				.where(eq(groupTrainer.groupId, group?.id ?? ''))
		).toHaveLength(2);
	});

	it('gives every documented demo account the documented password, hashed with argon2id', async () => {
		const rows = await db
			.select({ email: user.email, hash: account.password })
			.from(user)
			.innerJoin(account, eq(account.userId, user.id));
		expect(rows.map((row) => row.email).sort()).toEqual(demoPeople.map((p) => p.email).sort());
		for (const row of rows) {
			expect(row.hash).toMatch(/^\$argon2id\$/);
			expect(await verifyPassword(row.hash ?? '', DEMO_PASSWORD)).toBe(true);
		}
	});
});
