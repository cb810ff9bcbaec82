/**
 * The calendar's form actions, shared by the coordinator's group page and the trainer's sessions
 * page: move, cancel, restore and add a session. Each works without JavaScript and keeps what was
 * typed when it is refused.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Area } from '$lib/domain/policy';
import { requireArea } from '../auth/guard';
import { namedFields } from '../form-fields';
import { parseForm } from '../forms';
import { requireUuidParams } from '../input';
import { formKey } from '../idempotency';
import { answeredAction } from '../route';
import { addSession, changeSession, createCalendar, type SessionChange } from './group-calendar/commands';
import {
	addInput,
	calendarOptionsInput,
	calendarOptionsOf,
	cancelInput,
	moveInput,
	restoreInput
} from './schema';

type Event = RequestEvent<{ groep: string }>;

// The calendar page's Dutch field names for the schemas' English keys.
const moveFields = namedFields(moveInput, { sessionId: 'sessie', date: 'datum', time: 'tijd' });
const cancelFields = namedFields(cancelInput, { sessionId: 'sessie', reason: 'reden' });
const restoreFields = namedFields(restoreInput, { sessionId: 'sessie' });
const addFields = namedFields(addInput, { date: 'datum', time: 'tijd', topic: 'onderwerp' });
const calendarOptionsFields = namedFields(calendarOptionsInput, {
	skipPublicHolidays: 'feestdagen',
	daysOff: 'vrije_dagen'
});

async function change(
	event: Event,
	area: Area,
	toChange: (form: FormData) => ReturnType<typeof parseChange>
) {
	const actor = await requireArea(event.locals, event.url, area);
	requireUuidParams(event.params);
	const form = await event.request.formData();
	const parsed = toChange(form);
	if (!parsed.ok)
		return fail(400, { sessie: parsed.values.sessie ?? '', values: parsed.values, errors: parsed.errors });
	const result = await changeSession(
		event.locals.db,
		actor,
		event.params.groep,
		parsed.sessionId,
		parsed.change
	);
	if (result === 'date_taken')
		return fail(409, { sessie: parsed.sessionId, values: parsed.values, errors: { datum: 'date_taken' } });
	redirect(303, `${event.url.pathname}?gewijzigd#sessie-${parsed.sessionId}`);
}

type ParsedChange =
	| { ok: true; sessionId: string; change: SessionChange; values: Record<string, string> }
	| { ok: false; values: Record<string, string>; errors: Partial<Record<string, string>> };

function parseChange(form: FormData, kind: 'move' | 'cancel' | 'restore'): ParsedChange {
	const values = Object.fromEntries(
		[...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
	);
	if (kind === 'move') {
		const parsed = parseForm(moveFields, form);
		return parsed.ok
			? {
					ok: true,
					sessionId: parsed.data.sessionId,
					change: { kind, date: parsed.data.date, time: parsed.data.time },
					values
				}
			: parsed;
	}
	if (kind === 'cancel') {
		const parsed = parseForm(cancelFields, form);
		return parsed.ok
			? { ok: true, sessionId: parsed.data.sessionId, change: { kind, reason: parsed.data.reason }, values }
			: parsed;
	}
	const parsed = parseForm(restoreFields, form);
	return parsed.ok ? { ok: true, sessionId: parsed.data.sessionId, change: { kind }, values } : parsed;
}

/** The actions of a calendar page in `area`; a group or session the actor may not keep answers 404. */
export function calendarActions(area: Area) {
	return {
		move: answeredAction((event: Event) => change(event, area, (form) => parseChange(form, 'move'))),
		cancel: answeredAction((event: Event) => change(event, area, (form) => parseChange(form, 'cancel'))),
		restore: answeredAction((event: Event) => change(event, area, (form) => parseChange(form, 'restore'))),
		add: answeredAction(async (event: Event) => {
			const actor = await requireArea(event.locals, event.url, area);
			requireUuidParams(event.params);
			const form = await event.request.formData();
			const parsed = parseForm(addFields, form);
			if (!parsed.ok) return fail(400, { add: true, values: parsed.values, errors: parsed.errors });
			const { date, time, topic } = parsed.data;
			// What was typed, under the page's field names, for the form to show again.
			const values = { datum: date, tijd: time, onderwerp: topic };
			const sent = formKey(form);
			if (!sent)
				return fail(400, {
					add: true,
					values,
					errors: { form: 'form_key' } as Partial<Record<string, string>>
				});
			const result = await addSession(event.locals.db, actor, event.params.groep, {
				date,
				time,
				topic,
				key: sent.key
			});
			if (result === 'date_taken')
				return fail(409, {
					add: true,
					values,
					errors: { datum: 'date_taken' } as Partial<Record<string, string>>
				});
			redirect(303, `${event.url.pathname}?toegevoegd#sessie-${result.id}`);
		}),
		generate: answeredAction(async (event: Event) => {
			const actor = await requireArea(event.locals, event.url, area);
			requireUuidParams(event.params);
			const parsed = parseForm(calendarOptionsFields, await event.request.formData());
			const checked = parsed.ok ? calendarOptionsOf(parsed.data) : null;
			if (!checked?.ok)
				return fail(400, {
					generate: true,
					line: checked?.line,
					values: { vrije_dagen: parsed.ok ? parsed.data.daysOff : (parsed.values.vrije_dagen ?? '') },
					errors: {
						vrije_dagen: checked?.error ?? (parsed.ok ? 'invalid' : (parsed.errors.vrije_dagen ?? 'invalid'))
					} as Partial<Record<string, string>>
				});
			await createCalendar(event.locals.db, actor, event.params.groep, checked.options);
			redirect(303, `${event.url.pathname}?gemaakt`);
		})
	};
}
