/**
 * A lived-in demo: a realistic synthetic history for the demo organisation, so a trainer or
 * coordinator sees groups as they look after weeks and months of the course. Groups at different
 * weeks (3, 12, 30 and one finished by default), each with synthetic participants and trainers,
 * goals with steps, weekly check-ins whose closeness and rhythm differ per person (steady, fading
 * out, coming back, now and then), module progress, messages, help requests, home practice with
 * answers and feedback, and attendance. No access-log rows: the log records the real time of each
 * entry (its trigger sets it), so it cannot hold a made-up past; history participants show as never
 * signed in.
 *
 * Deterministic: the same seed, size and `now` give the same rows (ids included); the random numbers
 * come from a seeded generator (synthetic.ts), never Math.random, and every date is relative to
 * `now`. Parametrised by size so the scale benchmark can reuse it for 1,000–100,000 participants: rows
 * are buffered and written with INSERT … SELECT FROM unnest(…) — one parameter per column, up to
 * 5,000 rows per statement — never one round trip per row. Free text is our own short synthetic
 * sentences (synthetic.ts); no real client data.
 */
import { and, asc, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { generateCalendar } from '$lib/domain/calendar';
import { addDays, isoWeekday, local, localToInstant } from '$lib/domain/schedule';
import type { Db, Tx } from '../db/client';
import {
	courseGroup,
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	organisation,
	person,
	user
} from '../db/schema';
import {
	BRING_UP,
	GOALS,
	GROUP_PLACES,
	HELP_CLOSE_NOTES,
	HELP_PATHS,
	HOME_PRACTICE,
	LOCATIONS,
	MESSAGES_FROM_PARTICIPANT,
	MESSAGES_FROM_TRAINER,
	PRACTICE_ANSWERS,
	PRACTICE_FEEDBACK,
	prng,
	syntheticEmail,
	syntheticName,
	type Prng
} from './synthetic';
import { DEMO_SLUG } from './seed';

export const DEMO_HISTORY_SEED = 20;
export const DEMO_DOMAIN = 'demo.herstelpad.example';
/** The course weeks of the default groups; 'finished' is a group whose 40 sessions ended weeks ago. */
export const DEFAULT_GROUP_WEEKS: readonly (number | 'finished')[] = [3, 12, 30, 'finished'];
/** A course year: about 40 sessions over the modules. */
const COURSE_SESSIONS = 40;
const BATCH_ROWS = 5_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The name of the i-th history group: "Herstelgroep Oost", …, then "Herstelgroep Oost 2", …. */
export function historyGroupName(index: number): string {
	const place = GROUP_PLACES[index % GROUP_PLACES.length];
	const round = Math.floor(index / GROUP_PLACES.length);
	return round === 0 ? `Herstelgroep ${place}` : `Herstelgroep ${place} ${round + 1}`;
}

export interface HistoryOptions {
	organisationId: string;
	/**
	 * The ids come from the seed too: two histories in one database (e.g. two benchmark
	 * organisations) need different seeds.
	 */
	seed?: number;
	/** The moment the history leads up to; every row is at or before it. */
	now?: Date;
	/** How many groups (default 4: weeks 3, 12, 30 and finished; more groups get other weeks). */
	groups?: number;
	/** Participants per group; by default 6 to 10, different per group. */
	participantsPerGroup?: number;
	/** The domain of the synthetic email addresses. */
	domain?: string;
	/** An existing trainer who also trains the second group (the demo's "Tom Trainer"). */
	extraTrainerId?: string | null;
}

export interface HistorySummary {
	groups: number;
	participants: number;
	trainers: number;
	rows: number;
}

interface Curriculum {
	versionId: string;
	modules: { number: number; steps: string[] }[];
}

/** One table the history writes: its name and columns with their PostgreSQL types. */
interface TableSpec {
	name: string;
	columns: readonly (readonly [string, string])[];
}

const table = (name: string, ...columns: (readonly [string, string])[]): TableSpec => ({ name, columns });
const ts = 'timestamptz';
/** In the order foreign keys need them written. */
const TABLES = {
	user: table(
		'user',
		['id', 'text'],
		['name', 'text'],
		['email', 'text'],
		['email_verified', 'bool'],
		['created_at', ts],
		['updated_at', ts]
	),
	person: table(
		'person',
		['id', 'uuid'],
		['organisation_id', 'uuid'],
		['user_id', 'text'],
		['role', 'role'],
		['display_name', 'text'],
		['is_peer_expert', 'bool'],
		['phone', 'text'],
		['created_at', ts],
		['updated_at', ts]
	),
	group: table(
		'course_group',
		['id', 'uuid'],
		['organisation_id', 'uuid'],
		['name', 'text'],
		['location', 'text'],
		['weekday', 'int2'],
		['start_time', 'time'],
		['start_date', 'date'],
		['end_date', 'date'],
		['created_at', ts],
		['updated_at', ts]
	),
	trainer: table('group_trainer', ['group_id', 'uuid'], ['person_id', 'uuid'], ['created_at', ts]),
	member: table(
		'group_member',
		['group_id', 'uuid'],
		['person_id', 'uuid'],
		['joined_at', ts],
		['left_at', ts]
	),
	session: table(
		'group_session',
		['id', 'uuid'],
		['group_id', 'uuid'],
		['date', 'date'],
		['start_time', 'time'],
		['status', 'session_status'],
		['cancel_reason', 'text'],
		['holiday', 'bool'],
		['module_number', 'int2'],
		['created_at', ts],
		['updated_at', ts]
	),
	course: table(
		'group_course',
		['group_id', 'uuid'],
		['version_id', 'uuid'],
		['created_at', ts],
		['updated_at', ts]
	),
	module: table(
		'group_module',
		['group_id', 'uuid'],
		['module_number', 'int2'],
		['state', 'module_state'],
		['position', 'int2'],
		['created_at', ts],
		['updated_at', ts]
	),
	intake: table(
		'digital_intake',
		['person_id', 'uuid'],
		['device', 'intake_device'],
		['internet_at_home', 'bool'],
		['has_email', 'bool'],
		['confidence', 'int2'],
		['help_wanted', 'bool'],
		['path', 'intake_path'],
		['done_by_person_id', 'uuid'],
		['created_at', ts],
		['updated_at', ts]
	),
	tour: table('tour_seen', ['person_id', 'uuid'], ['seen_at', ts]),
	goal: table(
		'recovery_goal',
		['id', 'uuid'],
		['person_id', 'uuid'],
		['life_area', 'life_area'],
		['text', 'text'],
		['why', 'text'],
		['status', 'goal_status'],
		['is_current', 'bool'],
		['closed_at', ts],
		['created_at', ts],
		['updated_at', ts]
	),
	step: table(
		'goal_step',
		['id', 'uuid'],
		['goal_id', 'uuid'],
		['person_id', 'uuid'],
		['text', 'text'],
		['target_week', 'date'],
		['status', 'goal_step_status'],
		['closed_at', ts],
		['created_at', ts]
	),
	goalEvent: table(
		'goal_event',
		['goal_id', 'uuid'],
		['kind', 'text'],
		['before', 'text'],
		['after', 'text'],
		['by_person_id', 'uuid'],
		['at', ts]
	),
	checkIn: table(
		'check_in',
		['id', 'uuid'],
		['person_id', 'uuid'],
		['group_id', 'uuid'],
		['week_start', 'date'],
		['idempotency_key', 'uuid'],
		['worked', 'check_in_worked'],
		['closeness', 'int2'],
		['bring_up', 'text'],
		['goal_id', 'uuid'],
		['step_id', 'uuid'],
		['created_at', ts]
	),
	attendance: table(
		'session_attendance',
		['session_id', 'uuid'],
		['person_id', 'uuid'],
		['status', 'attendance_status'],
		['recorded_by_person_id', 'uuid'],
		['recorded_at', ts]
	),
	practice: table(
		'home_practice',
		['id', 'uuid'],
		['group_id', 'uuid'],
		['session_id', 'uuid'],
		['module_number', 'int2'],
		['text', 'jsonb'],
		['created_by_person_id', 'uuid'],
		['created_at', ts],
		['updated_at', ts]
	),
	answer: table(
		'home_practice_answer',
		['practice_id', 'uuid'],
		['person_id', 'uuid'],
		['answer', 'text'],
		['answered_at', ts],
		['feedback', 'text'],
		['feedback_by_person_id', 'uuid'],
		['feedback_at', ts]
	),
	message: table(
		'message',
		['id', 'uuid'],
		['person_id', 'uuid'],
		['group_id', 'uuid'],
		['author_person_id', 'uuid'],
		['body', 'text'],
		['created_at', ts]
	),
	messageRead: table('message_read', ['reader_person_id', 'uuid'], ['person_id', 'uuid'], ['read_at', ts]),
	help: table(
		'help_request',
		['id', 'uuid'],
		['person_id', 'uuid'],
		['group_id', 'uuid'],
		['from_path', 'text'],
		['created_at', ts],
		['closed_at', ts],
		['closed_by_person_id', 'uuid'],
		['close_note', 'text']
	),
	progress: table(
		'step_progress',
		['person_id', 'uuid'],
		['module_number', 'int2'],
		['step_key', 'text'],
		['seen_at', ts],
		['done_at', ts]
	)
} as const;

type TableKey = keyof typeof TABLES;
type Cell = string | number | boolean | null;

/** Buffers rows per table and writes them in foreign-key order, a few thousand rows per statement. */
class Batcher {
	private readonly buffers = new Map<TableKey, Cell[][]>();
	private buffered = 0;
	rows = 0;
	constructor(private readonly tx: Tx) {}

	add(key: TableKey, row: Cell[]): void {
		let buffer = this.buffers.get(key);
		if (!buffer) this.buffers.set(key, (buffer = []));
		buffer.push(row);
		this.buffered++;
	}

	/** Writes everything buffered when there is enough (or always, with `all`). */
	async flush(all = false): Promise<void> {
		if (!all && this.buffered < 20_000) return;
		for (const key of Object.keys(TABLES) as TableKey[]) {
			const buffer = this.buffers.get(key);
			if (!buffer || buffer.length === 0) continue;
			for (let start = 0; start < buffer.length; start += BATCH_ROWS) {
				await insertRows(this.tx, TABLES[key], buffer.slice(start, start + BATCH_ROWS));
			}
			this.rows += buffer.length;
			buffer.length = 0;
		}
		this.buffered = 0;
	}
}

/** INSERT … SELECT FROM unnest(one array per column): one statement and one parameter per column. */
async function insertRows(tx: Tx, spec: TableSpec, rows: Cell[][]): Promise<void> {
	const names = sql.raw(spec.columns.map(([name]) => `"${name}"`).join(', '));
	const arrays: SQL[] = spec.columns.map(
		([, type], column) => sql`${sql.param(rows.map((row) => row[column] ?? null))}::${sql.raw(type)}[]`
	);
	await tx.execute(
		sql`insert into ${sql.raw(`"${spec.name}"`)} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`
	);
}

/** How a participant takes part over the weeks. */
type Rhythm = 'steady' | 'fading' | 'returning' | 'now_and_then';

interface Week {
	index: number;
	sessionId: string;
	date: string;
	module: number;
	/** The session's start. */
	at: number;
}

/**
 * Writes the history into the organisation, inside the caller's transaction. Does not check whether
 * it is there already (seedDemoHistory does).
 */
export async function generateHistory(tx: Tx, options: HistoryOptions): Promise<HistorySummary> {
	const random = prng(options.seed ?? DEMO_HISTORY_SEED);
	const now = (options.now ?? new Date()).getTime();
	const today = local(new Date(now)).date;
	const groupCount = Math.max(1, Math.floor(options.groups ?? DEFAULT_GROUP_WEEKS.length));
	const domain = options.domain ?? DEMO_DOMAIN;
	const orgId = options.organisationId;
	const curriculum = await loadCurriculum(tx, orgId);
	const moduleNumbers = curriculum?.modules.map((module) => module.number) ?? [];
	const out = new Batcher(tx);
	let serial = 0;
	const iso = (ms: number) => new Date(ms).toISOString();
	const midnights = new Map<string, number>();
	/** A local date plus some days and hours, as an instant in ms. */
	const at = (date: string, days: number, hours: number) => {
		const midnight = midnights.get(date) ?? localToInstant(date, '00:00').getTime();
		midnights.set(date, midnight);
		return midnight + days * DAY_MS + hours * HOUR_MS;
	};
	const createdLongAgo = iso(at(addDays(today, -7 * 60), 0, 9));

	const addPerson = (role: 'trainer' | 'participant', peer: boolean, phone: string | null) => {
		const name = syntheticName(random);
		const id = random.uuid();
		const userId = random.uuid();
		serial++;
		out.add('user', [
			userId,
			name.displayName,
			syntheticEmail(name.first, name.last, serial, domain),
			true,
			createdLongAgo,
			createdLongAgo
		]);
		out.add('person', [
			id,
			orgId,
			userId,
			role,
			name.displayName,
			peer,
			phone,
			createdLongAgo,
			createdLongAgo
		]);
		return { id, name: name.displayName };
	};

	// Trainers: about two for every three groups, each group run by two of them; every third a peer expert.
	const trainerPool = Array.from({ length: Math.max(2, Math.ceil((groupCount * 2) / 3)) }, (_, index) =>
		addPerson(
			'trainer',
			index % 3 === 2,
			`010 ${String(3_000_000 + index).replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3')}`
		)
	);
	let participants = 0;

	for (let g = 0; g < groupCount; g++) {
		const plan = g < DEFAULT_GROUP_WEEKS.length ? DEFAULT_GROUP_WEEKS[g]! : pickWeeks(random);
		const finished = plan === 'finished';
		const weekday = random.between(1, 5);
		const startTime = random.pick(['10:00', '13:30', '19:00']);
		let lastSession = addDays(today, -((isoWeekday(today) - weekday + 7) % 7));
		if (finished) lastSession = addDays(lastSession, -7 * random.between(3, 8));
		const weeksSoFar = typeof plan === 'number' ? plan : COURSE_SESSIONS;
		const firstSession = addDays(lastSession, -7 * (weeksSoFar - 1));
		const groupId = random.uuid();
		const groupCreated = iso(at(firstSession, -21, 10));
		out.add('group', [
			groupId,
			orgId,
			historyGroupName(g),
			random.pick(LOCATIONS),
			weekday,
			startTime,
			firstSession,
			finished ? lastSession : null,
			groupCreated,
			groupCreated
		]);
		const trainers = [
			trainerPool[(2 * g) % trainerPool.length]!,
			trainerPool[(2 * g + 1) % trainerPool.length]!
		];
		for (const trainer of trainers) out.add('trainer', [groupId, trainer.id, groupCreated]);
		const extra = options.extraTrainerId && g === Math.min(1, groupCount - 1) ? options.extraTrainerId : null;
		if (extra) out.add('trainer', [groupId, extra, groupCreated]);
		const lead = trainers[0]!;

		// The calendar, with the modules spread over the first 40 held sessions.
		const calendar = generateCalendar({
			weekday,
			startTime,
			startDate: firstSession,
			endDate: finished ? lastSession : null,
			skipPublicHolidays: true,
			daysOff: []
		});
		const weeks: Week[] = [];
		let held = 0;
		for (const session of calendar) {
			const id = random.uuid();
			const planned = session.status === 'planned';
			const module =
				planned && held < COURSE_SESSIONS && moduleNumbers.length > 0
					? moduleNumbers[
							Math.min(moduleNumbers.length - 1, Math.floor((held * moduleNumbers.length) / COURSE_SESSIONS))
						]!
					: null;
			const [hh, mm] = session.time.split(':').map(Number) as [number, number];
			const startsAt = at(session.date, 0, hh + mm / 60);
			if (planned && startsAt <= now)
				weeks.push({ index: held, sessionId: id, date: session.date, module: module ?? 0, at: startsAt });
			if (planned) held++;
			out.add('session', [
				id,
				groupId,
				session.date,
				session.time,
				session.status,
				session.cancelReason,
				session.holiday,
				module,
				groupCreated,
				groupCreated
			]);
		}
		const reached = weeks.length > 0 ? weeks[weeks.length - 1]!.module : 0;
		if (curriculum) {
			out.add('course', [groupId, curriculum.versionId, groupCreated, groupCreated]);
			moduleNumbers.forEach((number, position) =>
				out.add('module', [
					groupId,
					number,
					number <= Math.max(reached, moduleNumbers[0]!) ? 'open' : 'coming',
					position + 1,
					groupCreated,
					groupCreated
				])
			);
		}

		// Home practice given at each held session (not at the last one of a finished course).
		const practices = weeks.map((week) =>
			finished && week.index === weeks.length - 1
				? null
				: { id: random.uuid(), week, text: random.pick(HOME_PRACTICE) }
		);
		for (const practice of practices) {
			if (!practice) continue;
			const given = iso(practice.week.at + 2 * HOUR_MS);
			out.add('practice', [
				practice.id,
				groupId,
				practice.week.sessionId,
				practice.week.module || null,
				JSON.stringify(practice.text),
				lead.id,
				given,
				given
			]);
		}

		const size = options.participantsPerGroup ?? random.between(6, 10);
		for (let p = 0; p < size; p++) {
			participants++;
			const participant = addPerson('participant', false, null);
			simulateParticipant(random, {
				out,
				participant,
				groupId,
				weeks,
				practices,
				trainers,
				readers: [...trainers.map((trainer) => trainer.id), ...(extra ? [extra] : [])],
				curriculum,
				finished,
				joinedAt: at(firstSession, -2, 10),
				now,
				at,
				iso
			});
		}
		await out.flush();
	}
	await out.flush(true);
	return { groups: groupCount, participants, trainers: trainerPool.length, rows: out.rows };
}

/** The course week of an extra group: 1 to 40, or finished. */
function pickWeeks(random: Prng): number | 'finished' {
	const week = random.between(1, 48);
	return week > COURSE_SESSIONS ? 'finished' : week;
}

interface ParticipantContext {
	out: Batcher;
	participant: { id: string; name: string };
	groupId: string;
	weeks: Week[];
	practices: ({ id: string; week: Week } | null)[];
	trainers: { id: string; name: string }[];
	/** Everyone who trains the group: they have read each thread up to the last reply. */
	readers: string[];
	curriculum: Curriculum | null;
	finished: boolean;
	joinedAt: number;
	now: number;
	at: (date: string, days: number, hours: number) => number;
	iso: (ms: number) => string;
}

/** Which weeks a participant took part in, after their rhythm. */
function activeWeeks(
	random: Prng,
	rhythm: Rhythm,
	count: number
): { active: boolean[]; stoppedAt: number | null } {
	const active: boolean[] = [];
	let stoppedAt: number | null = null;
	const stopAfter = random.between(2, Math.max(2, Math.floor(count * 0.7)));
	const gapFrom = random.between(2, Math.max(2, count - 3));
	const gapLength = random.between(2, 5);
	for (let week = 0; week < count; week++) {
		let p: number;
		if (rhythm === 'steady') p = 0.92;
		else if (rhythm === 'now_and_then') p = 0.45;
		else if (rhythm === 'fading') p = week < stopAfter ? 0.8 : 0;
		else p = week >= gapFrom && week < gapFrom + gapLength ? 0 : 0.85;
		// Nearly everybody comes to the first session.
		active.push(week === 0 ? random.chance(0.95) : random.chance(p));
	}
	if (rhythm === 'fading' && stopAfter < count) stoppedAt = stopAfter;
	return { active, stoppedAt };
}

function simulateParticipant(random: Prng, c: ParticipantContext): void {
	const { out, participant, groupId, weeks, trainers, now, at, iso } = c;
	const lead = trainers[0]!;
	const second = trainers[1] ?? lead;
	const roll = random.next();
	const rhythm: Rhythm =
		roll < 0.45 ? 'steady' : roll < 0.65 ? 'fading' : roll < 0.85 ? 'returning' : 'now_and_then';
	const { active, stoppedAt } = activeWeeks(random, rhythm, weeks.length);
	// Some who stop also leave the group formally, two weeks later.
	const leftWeek = stoppedAt !== null && random.chance(0.5) ? weeks[stoppedAt + 2] : undefined;
	out.add('member', [groupId, participant.id, iso(c.joinedAt), leftWeek ? iso(leftWeek.at) : null]);
	out.add('tour', [participant.id, iso(c.joinedAt + DAY_MS)]);

	// The digital-readiness intake, done by the trainer before the start.
	const device = random.pick([
		'smartphone',
		'smartphone',
		'smartphone',
		'tablet',
		'computer',
		'none'
	] as const);
	const confidence = device === 'none' ? 1 : random.between(1, 5);
	const helpWanted = confidence <= 2 || random.chance(0.2);
	const intakePath = device === 'none' ? 'paper' : helpWanted ? 'guided' : 'own_device';
	out.add('intake', [
		participant.id,
		device,
		device !== 'none',
		random.chance(0.8),
		confidence,
		helpWanted,
		intakePath,
		lead.id,
		iso(c.joinedAt),
		iso(c.joinedAt)
	]);

	// A goal from the second session (module 1 is about recovery goals), with steps every few weeks.
	const template = random.pick(GOALS);
	const goalWeek = weeks.find((week) => week.index >= 1 && active[week.index]);
	let goal: { id: string; stepId: string | null } | null = null;
	const stepAt = new Map<number, string>();
	if (goalWeek) {
		const goalId = random.uuid();
		const created = at(goalWeek.date, 1, 19);
		const lastActive = weeks.filter((week) => active[week.index]).pop()!;
		const reached = c.finished && random.chance(0.4);
		const closedAt = reached ? iso(at(lastActive.date, 1, 20)) : null;
		out.add('goal', [
			goalId,
			participant.id,
			template.area,
			template.text,
			template.why,
			reached ? 'reached' : 'active',
			!reached,
			closedAt,
			iso(created),
			closedAt ?? iso(created)
		]);
		out.add('goalEvent', [goalId, 'created', null, template.text, participant.id, iso(created)]);
		out.add('goalEvent', [goalId, 'made_current', null, null, participant.id, iso(created)]);
		// Steps: one now, the next after 2–4 active weeks; each earlier one done (mostly) or replaced.
		let current: { id: string; text: string; created: number; target: string } | null = null;
		let steps = 0;
		let next = goalWeek.index;
		for (const week of weeks) {
			if (week.index < next || !active[week.index] || week.at + DAY_MS > now) {
				if (current) stepAt.set(week.index, current.id);
				continue;
			}
			const text = template.steps[Math.min(template.steps.length - 1, steps++)]!;
			const created = at(week.date, 1, 19);
			if (current) {
				// The step row is written when it closes (here), or after the loop while it is open.
				const done = random.chance(0.75);
				out.add('step', [
					current.id,
					goalId,
					participant.id,
					current.text,
					current.target,
					done ? 'done' : 'replaced',
					iso(created),
					iso(current.created)
				]);
				out.add('goalEvent', [
					goalId,
					done ? 'step_done' : 'step_replaced',
					current.text,
					null,
					participant.id,
					iso(created)
				]);
			}
			current = {
				id: random.uuid(),
				text,
				created,
				target: weeks[week.index + 1]?.date ?? addDays(week.date, 7)
			};
			stepAt.set(week.index, current.id);
			out.add('goalEvent', [goalId, 'step_added', null, text, participant.id, iso(created)]);
			next = week.index + random.between(2, 4);
		}
		if (current) {
			out.add('step', [
				current.id,
				goalId,
				participant.id,
				current.text,
				current.target,
				reached ? 'done' : 'open',
				reached ? closedAt : null,
				iso(current.created)
			]);
			if (reached) out.add('goalEvent', [goalId, 'reached', template.text, null, participant.id, closedAt]);
		}
		goal = { id: goalId, stepId: current?.id ?? null };
	}

	// Week by week: check-in, attendance, sign-in, home practice, now and then a message or help request.
	let closeness = random.between(2, 4) + 0.0;
	const trend = rhythm === 'steady' ? 0.08 : rhythm === 'fading' ? -0.15 : 0;
	let lastThread: number | null = null;
	let lastTrainerRead: number | null = null;
	const helpRequests: { id: string; created: number; path: string }[] = [];
	for (const week of weeks) {
		const isActive = active[week.index] ?? false;
		if (leftWeek && week.at >= leftWeek.at) break;
		// Attendance, recorded by the trainer after the session.
		const recorded = week.at + 2 * HOUR_MS;
		if (recorded <= now) {
			const status = isActive
				? random.chance(0.93)
					? 'present'
					: 'excused'
				: stoppedAt !== null && week.index >= stoppedAt
					? 'absent'
					: random.pick(['excused', 'absent'] as const);
			out.add('attendance', [week.sessionId, participant.id, status, lead.id, iso(recorded)]);
		}
		if (!isActive) continue;
		closeness = Math.min(5, Math.max(1, closeness + trend + (random.next() - 0.5) * 1.2));
		const rounded = Math.round(closeness);
		// The check-in for the week, a day or three after the session.
		const checkedIn = at(week.date, random.between(1, 3), 10 + random.int(10));
		if (checkedIn <= now) {
			const worked =
				rounded >= 4
					? random.chance(0.8)
						? 'yes'
						: 'a_bit'
					: rounded === 3
						? random.pick(['yes', 'a_bit', 'a_bit', 'not_yet'] as const)
						: random.pick(['a_bit', 'not_yet', 'not_yet'] as const);
			const stepId = stepAt.get(week.index) ?? null;
			out.add('checkIn', [
				random.uuid(),
				participant.id,
				groupId,
				week.date,
				random.uuid(),
				worked,
				rounded,
				random.chance(0.25) ? random.pick(BRING_UP) : '',
				stepId && goal ? goal.id : null,
				stepId,
				iso(checkedIn)
			]);
		}
		// Home practice given at this session, answered before the next; most get feedback.
		const practice = c.practices[week.index];
		if (practice && random.chance(0.65)) {
			const answered = at(week.date, random.between(2, 5), 11 + random.int(9));
			if (answered <= now) {
				const feedbackAt = answered + DAY_MS + random.int(8) * HOUR_MS;
				const feedback = feedbackAt <= now - 2 * DAY_MS && random.chance(0.8);
				out.add('answer', [
					practice.id,
					participant.id,
					random.pick(PRACTICE_ANSWERS),
					iso(answered),
					feedback ? random.pick(PRACTICE_FEEDBACK) : null,
					feedback ? random.pick([lead, second]).id : null,
					feedback ? iso(feedbackAt) : null
				]);
			}
		}
		// Now and then a message to the trainers, mostly answered the next day.
		if (random.chance(0.15)) {
			const sent = at(week.date, 2, 19 + random.int(3));
			if (sent <= now) {
				out.add('message', [
					random.uuid(),
					participant.id,
					groupId,
					participant.id,
					random.pick(MESSAGES_FROM_PARTICIPANT),
					iso(sent)
				]);
				lastThread = sent;
				const reply = sent + 14 * HOUR_MS + random.int(6) * HOUR_MS;
				if (reply <= now && random.chance(0.85)) {
					const by = random.pick([lead, second]);
					out.add('message', [
						random.uuid(),
						participant.id,
						groupId,
						by.id,
						random.pick(MESSAGES_FROM_TRAINER),
						iso(reply)
					]);
					lastThread = reply;
					lastTrainerRead = reply;
				}
			}
		}
		// Sometimes "Ik kom er niet uit".
		if (random.chance(week.index < 3 ? 0.12 : 0.04)) {
			const created = at(week.date, 1, 14 + random.int(6));
			if (created <= now) helpRequests.push({ id: random.uuid(), created, path: random.pick(HELP_PATHS) });
		}
	}
	if (lastThread !== null) out.add('messageRead', [participant.id, participant.id, iso(lastThread)]);
	if (lastTrainerRead !== null) {
		for (const reader of c.readers) out.add('messageRead', [reader, participant.id, iso(lastTrainerRead)]);
	}
	helpRequests.forEach((request, index) => {
		// The newest stays open when it is from the last few days (one open request per participant).
		const open = index === helpRequests.length - 1 && request.created > now - 4 * DAY_MS;
		const closed = request.created + 20 * HOUR_MS;
		out.add('help', [
			request.id,
			participant.id,
			groupId,
			request.path,
			iso(request.created),
			open ? null : iso(Math.min(closed, now)),
			open ? null : lead.id,
			open ? null : random.pick(HELP_CLOSE_NOTES)
		]);
	});

	// Module progress: the steps of each module the participant took part in, most seen, many done.
	if (c.curriculum) {
		const firstActive = new Map<number, Week>();
		for (const week of weeks) {
			if (active[week.index] && !firstActive.has(week.module)) firstActive.set(week.module, week);
		}
		for (const module of c.curriculum.modules) {
			const week = firstActive.get(module.number);
			if (!week) continue;
			const diligence = random.next();
			module.steps.forEach((key, position) => {
				if (!random.chance(0.7 + diligence * 0.3)) return;
				const seen = Math.min(now, at(week.date, 1 + Math.floor(position / 3), 19 + (position % 3)));
				const done = random.chance(0.75 + diligence * 0.25) ? iso(Math.min(now, seen + 20 * 60_000)) : null;
				out.add('progress', [participant.id, module.number, key, iso(seen), done]);
			});
		}
	}
}

/** The organisation's newest published curriculum with each module's step keys, or null before any. */
async function loadCurriculum(tx: Tx, organisationId: string): Promise<Curriculum | null> {
	const [version] = await tx
		.select({ id: curriculumVersion.id })
		.from(curriculumVersion)
		.where(
			and(eq(curriculumVersion.organisationId, organisationId), isNotNull(curriculumVersion.publishedAt))
		)
		.orderBy(desc(curriculumVersion.number))
		.limit(1);
	if (!version) return null;
	const rows = await tx
		.select({ number: curriculumModule.number, key: curriculumStep.key })
		.from(curriculumModule)
		.innerJoin(curriculumStep, eq(curriculumStep.moduleId, curriculumModule.id))
		.where(eq(curriculumModule.versionId, version.id))
		.orderBy(asc(curriculumModule.number), asc(curriculumStep.position));
	const modules: Curriculum['modules'] = [];
	for (const row of rows) {
		const last = modules[modules.length - 1];
		if (last?.number === row.number) last.steps.push(row.key);
		else modules.push({ number: row.number, steps: [row.key] });
	}
	return { versionId: version.id, modules };
}

export interface DemoHistoryResult extends HistorySummary {
	/** False when the demo organisation already had its history (or there is no demo organisation). */
	created: boolean;
	ms: number;
}

/**
 * Adds the history to the demo organisation, once: a second call (also by a second instance at the
 * same time) finds the first history group and adds nothing. Needs the organisation's curriculum
 * for module progress, so it runs after the starter curriculum is imported.
 */
export async function seedDemoHistory(
	db: Db,
	options: { seed?: number; now?: Date; groups?: number; participantsPerGroup?: number } = {}
): Promise<DemoHistoryResult> {
	const started = performance.now();
	const none = { created: false, groups: 0, participants: 0, trainers: 0, rows: 0 };
	const result = await db.transaction(async (tx) => {
		// One writer at a time; the second finds the history there.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext('herstelpad demo history'))`);
		const [org] = await tx
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.slug, DEMO_SLUG));
		if (!org) return none;
		const [existing] = await tx
			.select({ id: courseGroup.id })
			.from(courseGroup)
			.where(and(eq(courseGroup.organisationId, org.id), eq(courseGroup.name, historyGroupName(0))));
		if (existing) return none;
		const [tom] = await tx
			.select({ id: person.id })
			.from(person)
			.innerJoin(user, eq(user.id, person.userId))
			.where(and(eq(person.organisationId, org.id), eq(user.email, `trainer@${DEMO_DOMAIN}`)));
		const summary = await generateHistory(tx, {
			...options,
			organisationId: org.id,
			extraTrainerId: tom?.id ?? null
		});
		return { created: true, ...summary };
	});
	return { ...result, ms: Math.round(performance.now() - started) };
}
