/**
 * The demo's toolboxes, so the demo looks lived in: a few suggestions and ways of their own, most
 * of them rated, for the first demo participants. Synthetic, like all demo data.
 */
import type { Tx } from '../../db/client';
import { copingTool } from '../../db/schema';

type DemoTool = { suggestion: string; rating: number | null } | { own: string; rating: number | null };

const demoToolboxes: Record<string, DemoTool[]> = {
	deelnemer1: [
		{ suggestion: 'wandelen', rating: 5 },
		{ suggestion: 'rustig-ademen', rating: 4 },
		{ own: 'Mijn kat aaien', rating: 4 },
		{ suggestion: 'muziek-bij-stemmen', rating: 3 },
		{ suggestion: 'dag-indelen', rating: null }
	],
	deelnemer2: [
		{ suggestion: 'praten', rating: 4 },
		{ own: 'Puzzelen aan de keukentafel', rating: 3 }
	],
	deelnemer3: [{ suggestion: 'muziek', rating: 5 }]
};

/** Fills the toolboxes of the demo participants named in `demoToolboxes` (by their email's name). */
export async function seedDemoToolboxes(tx: Tx, idOf: (email: string) => string): Promise<void> {
	const rows = Object.entries(demoToolboxes).flatMap(([who, tools]) =>
		tools.map((tool, index) => ({
			personId: idOf(who),
			suggestionKey: 'suggestion' in tool ? tool.suggestion : null,
			ownText: 'own' in tool ? tool.own : null,
			rating: tool.rating,
			// In the order above, a day apart, so the list's order for equal ratings is the same every time.
			createdAt: new Date(Date.UTC(2026, 8, 3 + index, 12))
		}))
	);
	await tx.insert(copingTool).values(rows);
}
