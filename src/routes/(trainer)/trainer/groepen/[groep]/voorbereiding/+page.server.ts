import { error } from '@sveltejs/kit';
import { nextPlanned } from '$lib/domain/calendar';
import { local, localToInstant } from '$lib/domain/schedule';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { groupCalendar, sessionPlan } from '$lib/server/calendar/group-calendar/queries';
import { practiceForTrainer } from '$lib/server/calendar/home-practice/queries';
import { groupCourseForTrainer } from '$lib/server/curriculum/tailoring/queries';
import { groupWeek } from '$lib/server/goals/trainer';
import { groupHelpRequests } from '$lib/server/guidance/help-requests/queries';
import { answered } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import { newFormKey } from '$lib/server/idempotency';
import { feedbackAction } from '../practice-feedback';
import type { Actions, PageServerLoad, PageServerLoadEvent } from './$types';

/**
 * Preparing a session (the next one, or `?sessie=`): its plan and notes, the goal round for the
 * week that ends with it, the home practice given last time with the answers (those waiting for
 * feedback flagged, with the feedback form), and open help requests.
 */
export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const calendar = await groupCalendar(locals.db, actor, params.groep);
	const asked = url.searchParams.get('sessie');
	const planned = calendar.sessions.filter((session) => session.status === 'planned');
	const chosen = asked
		? planned.find((session) => session.id === asked)
		: (nextPlanned(planned, local(new Date())) ?? undefined);
	if (asked && !chosen) error(404, 'Not Found');
	if (!chosen) return { group: calendar.group, session: null };
	const locale = getLocale();
	const previous = planned.filter((session) => session.date < chosen.date).at(-1) ?? null;
	const [detail, week, practice, help, course] = await Promise.all([
		sessionPlan(locals.db, actor, params.groep, chosen.id),
		groupWeek(locals.db, actor, params.groep, null, localToInstant(chosen.date, chosen.time)),
		previous ? practiceForTrainer(locals.db, actor, params.groep, previous.id, locale) : null,
		groupHelpRequests(locals.db, actor, params.groep, locale),
		groupCourseForTrainer(locals.db, actor, params.groep, locale)
	]);
	const module = course.modules.find((row) => row.number === chosen.moduleNumber) ?? null;
	return {
		group: calendar.group,
		session: detail.session,
		module: module && {
			number: module.number,
			title: module.title,
			steps: module.steps.filter((step) => !step.hidden).map((step) => step.title)
		},
		week,
		practice,
		help: help.open,
		formKey: newFormKey()
	};
}) satisfies PageServerLoad;

export const actions = { feedback: feedbackAction } satisfies Actions;
