/** The demo's support network: a few synthetic people around the first demo participant. */
import type { Tx } from '../../db/client';
import { supportPerson } from '../../db/schema';

/** Adds the first demo participant's network. */
export async function seedDemoNetwork(tx: Tx, idOf: (email: string) => string): Promise<void> {
	const personId = idOf('deelnemer1');
	await tx.insert(supportPerson).values([
		{
			personId,
			name: 'Mijn zus Sanne',
			kinds: ['talk', 'crisis'],
			frequency: 'daily',
			createdAt: new Date('2026-09-10T12:00:00Z')
		},
		{
			personId,
			name: 'Buurman Kees',
			kinds: ['practical', 'company'],
			frequency: 'weekly',
			createdAt: new Date('2026-09-10T12:01:00Z')
		},
		{
			personId,
			name: 'Vriendin Lotte',
			kinds: ['company'],
			frequency: 'monthly',
			createdAt: new Date('2026-09-10T12:02:00Z')
		}
	]);
}
