import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import { auditEvent, loginCard } from '../db/schema';
import { cardsThatWouldStop, issueLoginCards, redeemLoginCard } from './commands';

let db: Db;
let trainer: Actor;
let otherTrainer: Actor;
let anna: Actor;
let bram: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna] });
	await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer], participants: [bram] });
});

describe('login cards', () => {
	it('a trainer issues a card for their own participant; the code works once', async () => {
		const [card] = await issueLoginCards(db, trainer, [anna.personId]);
		expect(card?.displayName).toBe('Anna');
		const stored = await db.select().from(loginCard).where(eq(loginCard.personId, anna.personId));
		expect(stored[0]?.codeHash).not.toContain(card?.code ?? 'x');
		expect(await redeemLoginCard(db, card?.code.toLowerCase() ?? '')).toEqual({
			userId: anna.userId,
			personId: anna.personId,
			returnTo: '/terugkomen'
		});
		expect(await redeemLoginCard(db, card?.code ?? '')).toBeNull();
	});

	it('refuses a participant of another group, and logs the refusal', async () => {
		await expect(issueLoginCards(db, trainer, [bram.personId])).rejects.toMatchObject({ status: 403 });
		const refused = await db.select().from(auditEvent).where(eq(auditEvent.eventType, 'access.denied'));
		// One failure row naming what was asked for, not the person (who may be another organisation's).
		expect(refused).toMatchObject([
			{
				outcome: 'failure',
				action: 'C',
				actorPersonId: trainer.personId,
				participantId: null,
				objectType: 'participant',
				objectId: bram.personId
			}
		]);
		expect(await db.select().from(loginCard).where(eq(loginCard.personId, bram.personId))).toEqual([]);
	});

	it('refuses anyone but a trainer', async () => {
		await expect(issueLoginCards(db, anna, [anna.personId])).rejects.toMatchObject({ status: 403 });
	});

	it('a new card makes the older one stop working, and says so first (logged)', async () => {
		await db.execute(sql`update login_card set revoked_at = now() where person_id = ${bram.personId}`);
		expect(await cardsThatWouldStop(db, otherTrainer, [bram.personId])).toEqual([]);
		const [first] = await issueLoginCards(db, otherTrainer, [bram.personId]);
		expect(await cardsThatWouldStop(db, otherTrainer, [bram.personId])).toEqual([
			{ participantId: bram.personId, displayName: 'Bram' }
		]);
		const logged = await db
			.select({ participantId: auditEvent.participantId })
			.from(auditEvent)
			.where(eq(auditEvent.eventType, 'login_card.read'));
		expect(logged).toEqual([{ participantId: bram.personId }]);
		await expect(cardsThatWouldStop(db, trainer, [bram.personId])).rejects.toMatchObject({ status: 403 });
		const [second] = await issueLoginCards(db, otherTrainer, [bram.personId]);
		expect(await redeemLoginCard(db, first?.code ?? '')).toBeNull();
		expect(await redeemLoginCard(db, second?.code ?? '')).not.toBeNull();
	});

	it('an expired card is refused', async () => {
		const [card] = await issueLoginCards(db, trainer, [anna.personId]);
		await db.execute(
			sql`update login_card set expires_at = now() - interval '1 minute' where person_id = ${anna.personId}`
		);
		expect(await redeemLoginCard(db, card?.code ?? '')).toBeNull();
	});

	it('two people using the same code at once: only one gets in', async () => {
		const [card] = await issueLoginCards(db, trainer, [anna.personId]);
		const results = await Promise.all([
			redeemLoginCard(db, card?.code ?? ''),
			redeemLoginCard(db, card?.code ?? '')
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
	});
});
