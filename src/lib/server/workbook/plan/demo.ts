/**
 * The demo's relapse-prevention plan: the first demo participant has one (two versions), shares it
 * with the demo naaste (and her goal), and not with the care team. Synthetic, written by us.
 */
import { emptyPlan, type PlanContent } from '$lib/domain/plan';
import type { Tx } from '../../db/client';
import {
	consent,
	consentChange,
	relapsePlan,
	relapsePlanVersion,
	significantOtherLink
} from '../../db/schema';

const first: PlanContent = {
	...emptyPlan(),
	strengths: 'Wandelen met de hond. Muziek luisteren. Elke week naar de groep.',
	triggers: 'Slecht slapen. Drukte in huis.'
};

const now: PlanContent = {
	strengths: 'Wandelen met de hond. Muziek luisteren. Elke week naar de groep.',
	triggers: 'Slecht slapen. Drukte in huis. Geldzorgen.',
	green: {
		signs: 'Ik slaap goed en ik heb zin om dingen te doen.',
		self: 'Op tijd naar bed. Elke dag even naar buiten.',
		others: 'Gewoon contact houden, samen koffie drinken.',
		careTeam: 'Elke week de groep, eens per maand een gesprek.'
	},
	orange: {
		signs: 'Ik slaap slecht, ik zeg afspraken af en ik pieker veel.',
		self: 'Mijn zus bellen. Vaker wandelen. Niet alleen thuis blijven.',
		others: 'Vragen hoe het echt gaat. Mij helpen met de boodschappen.',
		careTeam: 'Een extra gesprek plannen.'
	},
	red: {
		signs: 'Ik kom niet meer buiten en ik hoor stemmen die me bang maken.',
		self: 'Mijn zus Sanne bellen. Mijn medicijnen innemen.',
		others: 'Sanne belt mijn behandelaar en blijft bij mij.',
		careTeam: 'De behandelaar komt langs of belt de crisisdienst.'
	},
	contacts: {
		careTeam: 'Tom (trainer, demo) 010 123 45 67',
		gp: 'Huisarts De Linde (demo) 010 765 43 21',
		other: 'Sanne (zus, demo) 06 12 34 56 78'
	}
};

/** The first demo participant's plan, and her link with the demo naaste. */
export async function seedDemoPlan(tx: Tx, participantId: string, naasteId: string): Promise<void> {
	await tx.insert(relapsePlan).values({ personId: participantId, reviewMonths: 6 });
	await tx.insert(relapsePlanVersion).values([
		{
			personId: participantId,
			day: '2026-10-22',
			content: first,
			createdAt: new Date('2026-10-22T10:00:00Z'),
			updatedAt: new Date('2026-10-22T10:30:00Z')
		},
		{
			personId: participantId,
			day: '2026-10-29',
			content: now,
			createdAt: new Date('2026-10-29T10:00:00Z'),
			updatedAt: new Date('2026-10-29T11:00:00Z')
		}
	]);
	await tx.insert(significantOtherLink).values({
		participantId,
		significantOtherId: naasteId,
		description: 'Sanne, mijn zus (demo)',
		shareGoal: true,
		invitedBy: 'email',
		createdAt: new Date('2026-10-29T11:05:00Z')
	});
	// Inviting her was giving the consent to share with naasten (privacy/consent.ts), with its time.
	const at = new Date('2026-10-29T11:05:00Z');
	await tx.insert(consent).values({ personId: participantId, purpose: 'naaste', given: true, changedAt: at });
	await tx
		.insert(consentChange)
		.values({ personId: participantId, purpose: 'naaste', given: true, byPersonId: participantId, at });
}
