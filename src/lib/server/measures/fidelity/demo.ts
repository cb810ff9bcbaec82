/**
 * The demo group's earlier fidelity self-assessment: its first two months, finalised by the trainer,
 * so the history is not empty. Synthetic scores and notes, written by us; a fresh assessment then
 * gets its proposals from the demo group's own calendar, goals and shared plans.
 */
import type { FidelityItem, FidelityScore } from '$lib/domain/fidelity';
import type { Tx } from '../../db/client';
import { fidelityAssessment, fidelityItemScore } from '../../db/schema';

const scores: [FidelityItem, FidelityScore, string][] = [
	['group_size', 5, ''],
	['programme_length', 4, 'Herfstvakantie en een studiedag vielen uit.'],
	['curriculum', 2, 'Pas module 1 en 2 gehad: dat klopt voor de eerste twee maanden.'],
	['handouts', 4, ''],
	['significant_others', 2, 'Eén deelnemer deelt haar signaleringsplan met haar zus.'],
	['goal_setting', 3, 'Nog niet iedereen heeft een hersteldoel.'],
	['goal_follow_up', 2, 'Check-in nog weinig gebruikt; rondje doelen vaak overgeslagen.'],
	['motivation', 4, ''],
	['education', 4, ''],
	['cognitive_behavioural', 3, ''],
	['coping_skills', 3, ''],
	['relapse_prevention', 2, 'Komt in module 7.'],
	['medication_tailoring', 3, '']
];

/** The demo group's finalised assessment of 3 September to 31 October 2026. */
export async function seedDemoFidelity(tx: Tx, groupId: string, trainerId: string): Promise<void> {
	const finalisedAt = new Date('2026-11-05T14:00:00Z');
	const [assessment] = await tx
		.insert(fidelityAssessment)
		.values({
			groupId,
			periodStart: '2026-09-03',
			periodEnd: '2026-10-31',
			status: 'final',
			createdByPersonId: trainerId,
			updatedByPersonId: trainerId,
			finalisedByPersonId: trainerId,
			finalisedAt,
			createdAt: new Date('2026-11-05T13:00:00Z'),
			updatedAt: finalisedAt
		})
		.returning({ id: fidelityAssessment.id });
	if (!assessment) throw new Error('demo fidelity assessment was not created');
	await tx.insert(fidelityItemScore).values(
		scores.map(([item, score, note]) => ({
			assessmentId: assessment.id,
			item,
			score,
			note,
			updatedByPersonId: trainerId,
			updatedAt: new Date('2026-11-05T13:45:00Z')
		}))
	);
}
