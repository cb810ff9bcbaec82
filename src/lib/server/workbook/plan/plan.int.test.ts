/**
 * The relapse-prevention plan and sharing it (issue 18, items 1–6): one version a day, older ones
 * readable; only the participant writes it and decides what is shared; a naaste invited by card
 * signs in with the code and reads the plan (and the goal only when shared), logged; ending the link
 * takes the access away at once; trainers see that a plan exists and read it only when the
 * participant shares it with the care team. Another organisation's people get NotFound and nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGoal, buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import { loadActor } from '../../auth/actor';
import { redeemLoginCard } from '../../cards/commands';
import type { Db } from '../../db/client';
import { auditEvent, loginCard, person, relapsePlanVersion, reminderPreference, user } from '../../db/schema';
import type { Senders } from '../../reminders/deliver';
import { deliverPlanReview, duePlanReviews } from './review';
import { Conflict, Forbidden, NotFound } from '../../errors';
import {
	endSignificantOtherLink,
	inviteSignificantOther,
	newSignificantOtherCode,
	setGoalSharing
} from '../sharing/commands';
import { ownSharing, sharedGoal, sharedWithMe } from '../sharing/queries';
import { inviteInput } from '../sharing/schema';
import { savePlanAnswer, setCareTeamSharing, setPlanReview } from './commands';
import { ownPlan, ownPlanVersion, ownPlanVersions, planFor, planStatus } from './queries';

let db: Db;
let close: () => Promise<void>;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let coordinator: Actor;
let stranger: Actor;

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	close = () => database.close();
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	const other = await buildOrganisation(db);
	stranger = await buildPerson(db, { organisationId: other.id, role: 'trainer' });
	await buildGoal(db, { participant: anna, text: 'Weer gaan zwemmen', step: 'Zwemtas inpakken' });
});

afterAll(() => close());

const rowsOf = (eventType: string, actorId: string) =>
	db
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.eventType, eventType), eq(auditEvent.actorPersonId, actorId)));

describe('the plan', () => {
	it('keeps one version a day; an older one stays readable', async () => {
		const monday = new Date('2026-11-30T10:00:00+01:00');
		const tuesday = new Date('2026-12-01T10:00:00+01:00');
		await savePlanAnswer(db, anna, 'sterke-kanten', { text: 'Wandelen met de hond' }, monday);
		await savePlanAnswer(db, anna, 'rood-ik', { text: 'Mijn zus bellen' }, monday);
		await savePlanAnswer(db, anna, 'sterke-kanten', { text: 'Wandelen en muziek' }, tuesday);
		await savePlanAnswer(db, anna, 'bellen', { careTeam: 'Tamara 010-1234567', gp: 'Dokter Vos' }, tuesday);
		const versions = await ownPlanVersions(db, anna);
		expect(versions.map((version) => version.day)).toEqual(['2026-12-01', '2026-11-30']);
		const plan = await ownPlan(db, anna);
		expect(plan.content.strengths).toBe('Wandelen en muziek');
		expect(plan.content.red.self).toBe('Mijn zus bellen');
		expect(plan.content.contacts).toEqual({ careTeam: 'Tamara 010-1234567', gp: 'Dokter Vos', other: '' });
		expect(plan.filled).toBe(3);
		expect(plan.reviewDue).toBe('2027-06-01');
		const older = await ownPlanVersion(db, anna, versions[1]!.id);
		expect(older.content.strengths).toBe('Wandelen met de hond');
		expect(older.content.contacts.careTeam).toBe('');
		// Another participant's version id is no version of hers.
		await expect(ownPlanVersion(db, bram, versions[1]!.id)).rejects.toBeInstanceOf(NotFound);
		expect((await rowsOf('plan.update', anna.personId)).length).toBe(4);
	});

	it('is written by the participant only; a step that does not exist is not found', async () => {
		await expect(savePlanAnswer(db, trainer, 'triggers', { text: 'x' })).rejects.toBeInstanceOf(Forbidden);
		await expect(savePlanAnswer(db, anna, 'bestaat-niet', { text: 'x' })).rejects.toBeInstanceOf(NotFound);
	});

	it('sends one review reminder, without content, when the chosen date has come', async () => {
		await db.insert(reminderPreference).values({ personId: anna.personId, enabled: true, channel: 'email' });
		const sent: unknown[] = [];
		const senders: Senders = {
			async email(to) {
				sent.push(to);
			},
			async push(to) {
				sent.push(to);
			}
		};
		// The plan last changed on 1 December 2026, reviewed after 6 months: on 1 June 2027.
		expect(await duePlanReviews(db, new Date('2027-05-31T12:00:00+02:00'), anna.personId)).toEqual([]);
		const due = await duePlanReviews(db, new Date('2027-06-01T12:00:00+02:00'), anna.personId);
		expect(due).toEqual([{ personId: anna.personId, dueDay: '2027-06-01', channel: 'email' }]);
		expect(await deliverPlanReview(db, due[0]!, senders)).toBe('sent');
		expect(await deliverPlanReview(db, due[0]!, senders)).toBe('already');
		expect(sent).toEqual([expect.objectContaining({ personId: anna.personId, about: 'plan_review' })]);
		expect(JSON.stringify(sent)).not.toContain('Wandelen');
		expect(await duePlanReviews(db, new Date('2027-06-02T12:00:00+02:00'), anna.personId)).toEqual([]);
		await db.delete(reminderPreference).where(eq(reminderPreference.personId, anna.personId));
	});

	it('moves the review date with the chosen period', async () => {
		await setPlanReview(db, anna, 3);
		expect((await ownPlan(db, anna)).reviewDue).toBe('2027-03-01');
		await setPlanReview(db, anna, 6);
	});

	it('shows trainers that it exists, and lets them read it only when shared with the care team', async () => {
		const status = await planStatus(db, trainer, anna.personId);
		expect(status).toMatchObject({ exists: true, sharedWithCareTeam: false, significantOthers: 0 });
		expect((await rowsOf('plan.status_read', trainer.personId)).length).toBe(1);
		await expect(planFor(db, trainer, anna.personId)).rejects.toBeInstanceOf(NotFound);
		await setCareTeamSharing(db, anna, true);
		const read = await planFor(db, trainer, anna.personId);
		expect(read.reader.as).toBe('care_team');
		expect(read.plan.content.strengths).toBe('Wandelen en muziek');
		expect((await rowsOf('plan.read', trainer.personId)).length).toBe(1);
		// A trainer of another group, a coordinator and another organisation's trainer: nothing.
		for (const actor of [otherTrainer, coordinator, stranger])
			await expect(planFor(db, actor, anna.personId)).rejects.toBeInstanceOf(NotFound);
		await expect(planStatus(db, stranger, anna.personId)).rejects.toBeInstanceOf(NotFound);
		await setCareTeamSharing(db, anna, false);
		await expect(planFor(db, trainer, anna.personId)).rejects.toBeInstanceOf(NotFound);
	});
});

describe('sharing with a naaste', () => {
	it('invites by card; the naaste signs in with the code and reads the plan, the goal only when shared', async () => {
		const input = inviteInput.parse({ name: 'Ria (zus)', how: 'card' });
		const card = await inviteSignificantOther(db, anna, input);
		expect(card.email).toBeNull();
		const owner = await redeemLoginCard(db, card.code);
		expect(owner?.returnTo).toBeNull();
		const ria = (await loadActor(db, owner!.userId))!;
		expect(ria.role).toBe('significant_other');
		expect(await sharedWithMe(db, ria)).toEqual([
			{ linkId: card.linkId, participantId: anna.personId, name: 'Anna', shareGoal: false }
		]);
		const read = await planFor(db, ria, anna.personId);
		expect(read.reader.as).toBe('significant_other');
		expect(read.plan.content.red.self).toBe('Mijn zus bellen');
		expect((await rowsOf('plan.read', ria.personId)).map((row) => row.participantId)).toEqual([
			anna.personId
		]);
		// Not the goal until Anna shares it; never Bram's plan.
		await expect(sharedGoal(db, ria, anna.personId)).rejects.toBeInstanceOf(NotFound);
		await expect(planFor(db, ria, bram.personId)).rejects.toBeInstanceOf(NotFound);
		await setGoalSharing(db, anna, card.linkId, true);
		expect(await sharedGoal(db, ria, anna.personId)).toEqual({
			text: 'Weer gaan zwemmen',
			why: expect.any(String),
			steps: ['Zwemtas inpakken']
		});
		expect((await rowsOf('significant_other.goal_read', ria.personId)).length).toBe(1);
		// Anna's overview names Ria; her status counts one naaste.
		const sharing = await ownSharing(db, anna);
		expect(sharing.links.map((link) => [link.name, link.shareGoal, link.signedIn])).toEqual([
			['Ria (zus)', true, true]
		]);
		expect((await planStatus(db, trainer, anna.personId)).significantOthers).toBe(1);

		// Only Anna manages the link: not the naaste, not Bram.
		await expect(setGoalSharing(db, ria, card.linkId, false)).rejects.toBeInstanceOf(Forbidden);
		await expect(setGoalSharing(db, bram, card.linkId, false)).rejects.toBeInstanceOf(NotFound);
		await expect(endSignificantOtherLink(db, bram, card.linkId)).rejects.toBeInstanceOf(NotFound);

		// Anna stops sharing: from now on Ria reads nothing.
		await endSignificantOtherLink(db, anna, card.linkId);
		await expect(planFor(db, ria, anna.personId)).rejects.toBeInstanceOf(NotFound);
		await expect(sharedGoal(db, ria, anna.personId)).rejects.toBeInstanceOf(NotFound);
		expect(await sharedWithMe(db, ria)).toEqual([]);
		expect((await ownSharing(db, anna)).ended).toEqual([
			{ name: 'Ria (zus)', endedAt: expect.any(Date), byParticipant: true }
		]);
	});

	it('invites by email; a new code stops the old one; the naaste can end the link themselves', async () => {
		const input = inviteInput.parse({
			name: 'Kees',
			how: 'email',
			email: 'Kees@Example.org',
			shareGoal: 'ja'
		});
		const first = await inviteSignificantOther(db, anna, input);
		expect(first.email).toBe('kees@example.org');
		// Inviting the same address again is refused; so is another participant inviting it: an account
		// is never shared, or a code Bram makes for "his" Kees would open Anna's plan.
		await expect(inviteSignificantOther(db, anna, input)).rejects.toBeInstanceOf(Conflict);
		await expect(inviteSignificantOther(db, bram, input)).rejects.toMatchObject({
			messageKey: 'significant_other_email_in_use'
		});
		const second = await newSignificantOtherCode(db, anna, first.linkId);
		expect(await redeemLoginCard(db, first.code)).toBeNull();
		const owner = await redeemLoginCard(db, second.code);
		const kees = (await loadActor(db, owner!.userId))!;
		expect((await sharedWithMe(db, kees)).map((link) => link.shareGoal)).toEqual([true]);
		await endSignificantOtherLink(db, kees, first.linkId);
		await expect(planFor(db, kees, anna.personId)).rejects.toBeInstanceOf(NotFound);
		// His unused codes stop working too when nothing is shared with him any more.
		const extra = await db.select().from(loginCard).where(eq(loginCard.personId, kees.personId));
		expect(extra.every((card) => card.usedAt !== null || card.revokedAt !== null)).toBe(true);
	});

	it("refuses another account's address and more than ten people", async () => {
		const [trainerUser] = await db
			.select({ email: user.email })
			.from(user)
			.innerJoin(person, eq(person.userId, user.id))
			.where(eq(person.id, trainer.personId));
		const staff = inviteInput.parse({ name: 'T', how: 'email', email: trainerUser!.email });
		await expect(inviteSignificantOther(db, anna, staff)).rejects.toMatchObject({
			messageKey: 'significant_other_email_in_use'
		});
		// Anna has Kees (ended) and Ria (ended): ten open links is the most.
		for (let index = 0; index < 10; index++)
			await inviteSignificantOther(db, anna, inviteInput.parse({ name: `Naaste ${index}`, how: 'card' }));
		await expect(
			inviteSignificantOther(db, anna, inviteInput.parse({ name: 'Elfde', how: 'card' }))
		).rejects.toMatchObject({ messageKey: 'significant_others_full' });
	});

	it('keeps versions per person and never shows them to others', async () => {
		const rows = await db
			.select()
			.from(relapsePlanVersion)
			.where(eq(relapsePlanVersion.personId, bram.personId));
		expect(rows).toEqual([]);
		expect((await ownPlan(db, bram)).versionId).toBeNull();
	});
});
