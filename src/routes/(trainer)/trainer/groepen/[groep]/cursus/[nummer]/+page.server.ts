import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireArea } from '$lib/server/auth/guard';
import { requireUuidParams } from '$lib/server/input';
import { moduleNumberParam } from '$lib/server/curriculum/params';
import { stepHiddenInput } from '$lib/server/curriculum/schema';
import { addGroupItem, removeGroupItem } from '$lib/server/curriculum/group-items/commands';
import { groupItemInput } from '$lib/server/curriculum/schema';
import { groupCourseForTrainer } from '$lib/server/curriculum/tailoring/queries';
import { setStepHidden } from '$lib/server/curriculum/tailoring/commands';
import { config } from '$lib/server/config';
import { namedFields } from '$lib/server/form-fields';
import { parseForm } from '$lib/server/forms';
import { answered, answeredAction } from '$lib/server/route';
import { getLocale } from '$lib/paraglide/runtime';
import { formKey, newFormKey } from '$lib/server/idempotency';
import type { Actions, PageServerLoad, PageServerLoadEvent, RequestEvent } from './$types';

export const load = answered(async ({ locals, url, params }: PageServerLoadEvent) => {
	const actor = await requireArea(locals, url, 'trainer');
	requireUuidParams(params);
	const number = moduleNumberParam(params.nummer);
	const course =
		number === null ? null : await groupCourseForTrainer(locals.db, actor, params.groep, getLocale());
	const module = course?.modules.find((candidate) => candidate.number === number);
	if (!course || !module) error(404, 'Not Found');
	return { group: course.group, module, formKey: newFormKey(), notice: noticeOf(url, module.steps) };
}) satisfies PageServerLoad;

/**
 * What the last post did, from the clean address it redirected to: a step hidden or shown again (with
 * "undo"), an own item added or removed, or an own item waiting for "are you sure" before removing.
 * Keys that are not (or no longer) a step of the module show nothing.
 */
function noticeOf(url: URL, steps: { key: string; title: string; own: boolean }[]) {
	const find = (name: string) => steps.find((step) => step.key === url.searchParams.get(name));
	const hidden = find('verborgen');
	const shown = find('getoond');
	const removed = url.searchParams.get('verwijderd');
	return {
		changed: hidden ? { step: hidden, hidden: true } : shown ? { step: shown, hidden: false } : null,
		added: find('toegevoegd')?.title ?? null,
		removed: removed === null ? null : removed.slice(0, 120),
		confirmRemove: steps.find((step) => step.own && step.key === url.searchParams.get('verwijderen')) ?? null
	};
}

const removeInput = namedFields(
	z.object({
		stepKey: z.string().regex(/^eigen-[0-9a-f]{32}$/, 'invalid'),
		confirmed: z.enum(['ja']).optional(),
		title: z.string().max(120).default('')
	}),
	{ stepKey: 'stap', confirmed: 'zeker', title: 'titel' }
);
const hiddenFields = namedFields(stepHiddenInput, { stepKey: 'stap', hidden: 'verborgen' });
const itemFields = namedFields(groupItemInput, {
	kind: 'soort',
	title: 'titel',
	text: 'tekst',
	url: 'link',
	question: 'vraag'
});

/** The text fields as sent, to fill the form again. */
function valuesOf(form: FormData): Record<string, string> {
	return Object.fromEntries(
		[...form].flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : []))
	);
}

export const actions: Actions = {
	/** The group's own text, link or exercise, after the module's steps. */
	addItem: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const number = moduleNumberParam(params.nummer);
		if (number === null) error(404, 'Not Found');
		const form = await request.formData();
		const parsed = parseForm(itemFields, form);
		if (!parsed.ok) return fail(400, { itemErrors: parsed.errors, item: parsed.values });
		const submitted = formKey(form);
		if (!submitted) {
			const itemErrors: Partial<Record<string, string>> = { form: 'form_key' };
			return fail(400, { itemErrors, item: valuesOf(form) });
		}
		const sent = form.get('bestand');
		const file =
			sent instanceof File && sent.size > 0
				? { bytes: new Uint8Array(await sent.arrayBuffer()), label: sent.name }
				: null;
		const result = await addGroupItem(
			locals.db,
			actor,
			params.groep,
			number,
			{ ...parsed.data, key: submitted.key },
			{ file, dataDir: config().dataDir }
		);
		if ('error' in result) {
			const itemErrors: Partial<Record<string, string>> = { bestand: result.error };
			return fail(400, { itemErrors, item: valuesOf(form) });
		}
		redirect(303, `${url.pathname}?toegevoegd=${result.key}`);
	}),
	/** Removing asks first: the first post shows the question, the second (zeker=ja) removes. */
	removeItem: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const number = moduleNumberParam(params.nummer);
		const parsed = parseForm(removeInput, await request.formData());
		if (number === null) error(404, 'Not Found');
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		if (!parsed.data.confirmed) redirect(303, `${url.pathname}?verwijderen=${parsed.data.stepKey}`);
		await removeGroupItem(locals.db, actor, params.groep, number, parsed.data.stepKey);
		redirect(303, `${url.pathname}?verwijderd=${encodeURIComponent(parsed.data.title)}`);
	}),
	/** Hides a step for the group or shows it again; the page then offers the opposite as "undo". */
	hide: answeredAction(async ({ locals, url, params, request }: RequestEvent) => {
		const actor = await requireArea(locals, url, 'trainer');
		requireUuidParams(params);
		const number = moduleNumberParam(params.nummer);
		const parsed = parseForm(hiddenFields, await request.formData());
		if (number === null) error(404, 'Not Found');
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { stepKey, hidden } = parsed.data;
		await setStepHidden(locals.db, actor, params.groep, number, stepKey, hidden);
		redirect(303, `${url.pathname}?${hidden ? 'verborgen' : 'getoond'}=${encodeURIComponent(stepKey)}`);
	})
};
