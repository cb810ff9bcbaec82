import { cardText } from '$lib/domain/plan';
import { participantPage } from '$lib/server/pages/shell';
import { answered } from '$lib/server/route';
import { ownPlanForCard } from '$lib/server/workbook/plan/queries';
import type { PageServerLoad, PageServerLoadEvent } from './$types';

/** What fits on a credit-card-sized side in print that can still be read: a few short lines each. */
const ACTIONS_MAX = 170;
const CONTACT_MAX = 60;

export const load = answered((event: PageServerLoadEvent) =>
	participantPage(event, async ({ locals }, actor) => {
		const plan = await ownPlanForCard(locals.db, actor);
		const self = cardText(plan.content.red.self, ACTIONS_MAX);
		const others = cardText(plan.content.red.others, ACTIONS_MAX);
		const contacts = Object.fromEntries(
			Object.entries(plan.content.contacts).map(([field, text]) => [field, cardText(text, CONTACT_MAX)])
		) as Record<keyof typeof plan.content.contacts, { text: string; shortened: boolean }>;
		return {
			self,
			others,
			contacts,
			reviewDue: plan.reviewDue,
			shortened: self.shortened || others.shortened || Object.values(contacts).some((line) => line.shortened)
		};
	})
) satisfies PageServerLoad;
