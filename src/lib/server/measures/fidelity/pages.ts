/**
 * The fidelity pages' loads and form actions, shared by the trainer's group pages
 * (/trainer/groepen/[groep]/modeltrouw…) and the coordinator's (/beheer/groepen/[groep]/modeltrouw…):
 * the same capability, each in its own area. Every form works without JavaScript (POST, then a
 * redirect) and keeps what was typed when it is refused.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Area } from '$lib/domain/policy';
import { requireArea } from '../../auth/guard';
import { namedFields } from '../../form-fields';
import { parseForm } from '../../forms';
import { requireUuidParams } from '../../input';
import { answered, answeredAction } from '../../route';
import { reopenAssessment, saveAssessment, startAssessment } from './commands';
import { fidelityAssessmentOf, fidelityHistory } from './queries';
import { saveInput, startInput } from './schema';

type GroupEvent = RequestEvent<{ groep: string }>;
type AssessmentEvent = RequestEvent<{ groep: string; beoordeling: string }>;

const startFields = namedFields(startInput, { periodStart: 'van', periodEnd: 'tot' });

/** Where an area's fidelity pages of a group live. */
export function fidelityBase(area: Area, groupId: string): string {
	return area === 'admin'
		? `/beheer/groepen/${groupId}/modeltrouw`
		: `/trainer/groepen/${groupId}/modeltrouw`;
}

/** The group page the fidelity pages go back to. */
export function groupHome(area: Area, groupId: string): string {
	return area === 'admin' ? `/beheer/groepen/${groupId}` : '/trainer';
}

/** The list's load: the group's history and the period a new assessment starts with. */
export function fidelityListLoad(area: Area) {
	return answered(async ({ locals, url, params }: GroupEvent) => {
		const actor = await requireArea(locals, url, area);
		requireUuidParams(params);
		const history = await fidelityHistory(locals.db, actor, params.groep);
		return {
			...history,
			base: fidelityBase(area, history.group.id),
			home: groupHome(area, history.group.id)
		};
	});
}

/** The list's action: start a new assessment over a period, then open it. */
export function fidelityListActions(area: Area) {
	return {
		default: answeredAction(async ({ locals, url, params, request }: GroupEvent) => {
			const actor = await requireArea(locals, url, area);
			requireUuidParams(params);
			const parsed = parseForm(startFields, await request.formData());
			if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
			const id = await startAssessment(locals.db, actor, params.groep, parsed.data);
			redirect(303, `${fidelityBase(area, params.groep)}/${id}`);
		})
	};
}

/** One assessment's load: the form with all 13 items, the proposals beside them. */
export function fidelityFormLoad(area: Area) {
	return answered(async ({ locals, url, params }: AssessmentEvent) => {
		const actor = await requireArea(locals, url, area);
		requireUuidParams(params);
		const assessment = await fidelityAssessmentOf(locals.db, actor, params.groep, params.beoordeling);
		return {
			...assessment,
			base: fidelityBase(area, assessment.group.id),
			done: ['opgeslagen', 'afgerond', 'heropend'].find((done) => url.searchParams.has(done)) ?? null
		};
	});
}

/** One assessment's actions: save the items (`actie=opslaan`) or save and finalise (`actie=afronden`); reopen. */
export function fidelityFormActions(area: Area) {
	return {
		save: answeredAction(async ({ locals, url, params, request }: AssessmentEvent) => {
			const actor = await requireArea(locals, url, area);
			requireUuidParams(params);
			const parsed = parseForm(saveInput, await request.formData());
			if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
			await saveAssessment(locals.db, actor, params.groep, params.beoordeling, parsed.data);
			redirect(303, `${url.pathname}?${parsed.data.finalise ? 'afgerond' : 'opgeslagen'}`);
		}),
		reopen: answeredAction(async ({ locals, url, params }: AssessmentEvent) => {
			const actor = await requireArea(locals, url, area);
			requireUuidParams(params);
			await reopenAssessment(locals.db, actor, params.groep, params.beoordeling);
			redirect(303, `${url.pathname}?heropend`);
		})
	};
}

/** The printable report (HTML with print styles); reading it is logged as a print. */
export function fidelityPrintLoad(area: Area) {
	return answered(async ({ locals, url, params }: AssessmentEvent) => {
		const actor = await requireArea(locals, url, area);
		requireUuidParams(params);
		const assessment = await fidelityAssessmentOf(
			locals.db,
			actor,
			params.groep,
			params.beoordeling,
			'print'
		);
		return { ...assessment, base: fidelityBase(area, assessment.group.id), printedAt: new Date() };
	});
}
