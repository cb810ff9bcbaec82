/**
 * Typed builders for integration tests: each test makes its own organisation, so tests never
 * share rows and never need cleaning up. Each builder takes the database first, has defaults for
 * everything a test does not care about, and writes the rows directly (the state a test starts
 * from, not an action: no access-log rows, no cache evictions); it returns the ids.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { Actor, Role } from '../../src/lib/domain/policy';
import { loadActor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db/client';
import {
	checkIn,
	courseGroup,
	curriculumModule,
	curriculumStep,
	curriculumVersion,
	goalEvent,
	goalStep,
	groupCourse,
	groupMember,
	groupModule,
	groupSession,
	groupTrainer,
	organisation,
	person,
	recoveryGoal,
	session,
	sessionAttendance,
	user
} from '../../src/lib/server/db/schema';

const unique = () => randomBytes(4).toString('hex');

export async function buildOrganisation(db: Db, name = `Organisatie ${unique()}`) {
	const [row] = await db
		.insert(organisation)
		.values({ name, slug: `org-${unique()}` })
		.returning();
	if (!row) throw new Error('organisation not created');
	return row;
}

export async function buildPerson(
	db: Db,
	props: { organisationId: string | null; role: Role; name?: string; isPeerExpert?: boolean; phone?: string }
): Promise<Actor> {
	const userId = randomUUID();
	const name = props.name ?? `${props.role} ${unique()}`;
	await db
		.insert(user)
		.values({ id: userId, name, email: `${unique()}-${props.role}@test.example`, emailVerified: true });
	await db.insert(person).values({
		organisationId: props.organisationId,
		userId,
		role: props.role,
		displayName: name,
		isPeerExpert: props.isPeerExpert ?? false,
		phone: props.phone
	});
	const actor = await loadActor(db, userId);
	if (!actor) throw new Error('person not created');
	return actor;
}

export async function buildGroup(
	db: Db,
	props: {
		organisationId: string;
		trainers?: Actor[];
		participants?: Actor[];
		name?: string;
		endDate?: string;
	}
) {
	const [group] = await db
		.insert(courseGroup)
		.values({
			organisationId: props.organisationId,
			name: props.name ?? `Groep ${unique()}`,
			location: 'Zaal 1',
			weekday: 2,
			startTime: '14:00',
			startDate: '2026-09-01',
			endDate: props.endDate
		})
		.returning();
	if (!group) throw new Error('group not created');
	for (const trainer of props.trainers ?? [])
		await db.insert(groupTrainer).values({ groupId: group.id, personId: trainer.personId });
	for (const participant of props.participants ?? [])
		await db.insert(groupMember).values({ groupId: group.id, personId: participant.personId });
	return group;
}

type LifeArea = typeof recoveryGoal.$inferInsert.lifeArea;

/**
 * A goal of `participant` (their current goal unless `isCurrent: false`) with its "created" history
 * row and, unless `step` is null, an open current step. Returns the goal's and the step's id.
 */
export async function buildGoal(
	db: Db,
	props: {
		participant: Actor;
		text?: string;
		why?: string;
		lifeArea?: LifeArea;
		isCurrent?: boolean;
		/** The step's text; null for a goal without a step. */
		step?: string | null;
		/** The local date of the session that starts the week the step aims for. */
		targetWeek?: string | null;
		/** Who wrote it: the participant by default, or a trainer for them. */
		createdBy?: Actor;
	}
): Promise<{ goalId: string; stepId: string | null }> {
	const personId = props.participant.personId;
	const by = (props.createdBy ?? props.participant).personId;
	const isCurrent = props.isCurrent ?? true;
	const text = props.text ?? `Doel ${unique()}`;
	if (isCurrent)
		await db
			.update(recoveryGoal)
			.set({ isCurrent: false })
			.where(and(eq(recoveryGoal.personId, personId), eq(recoveryGoal.isCurrent, true)));
	const [goal] = await db
		.insert(recoveryGoal)
		.values({
			personId,
			lifeArea: props.lifeArea ?? 'work',
			text,
			why: props.why ?? '',
			isCurrent,
			createdByPersonId: by
		})
		.returning({ id: recoveryGoal.id });
	if (!goal) throw new Error('goal not created');
	await db.insert(goalEvent).values({ goalId: goal.id, kind: 'created', after: text, byPersonId: by });
	if (props.step === null) return { goalId: goal.id, stepId: null };
	const [step] = await db
		.insert(goalStep)
		.values({
			goalId: goal.id,
			personId,
			text: props.step ?? `Stap ${unique()}`,
			targetWeek: props.targetWeek ?? null,
			createdByPersonId: by
		})
		.returning({ id: goalStep.id });
	return { goalId: goal.id, stepId: step?.id ?? null };
}

/**
 * A sent check-in of `participant` in `groupId` for the week starting `weekStart` (the local date of
 * the week's session), about a goal and step when given. Returns its id.
 */
export async function buildCheckIn(
	db: Db,
	props: {
		participant: Actor;
		groupId: string;
		weekStart: string;
		worked?: typeof checkIn.$inferInsert.worked;
		closeness?: number;
		bringUp?: string;
		goalId?: string | null;
		stepId?: string | null;
	}
): Promise<{ id: string }> {
	const [row] = await db
		.insert(checkIn)
		.values({
			personId: props.participant.personId,
			groupId: props.groupId,
			weekStart: props.weekStart,
			idempotencyKey: randomUUID(),
			worked: props.worked ?? 'yes',
			closeness: props.closeness ?? 3,
			bringUp: props.bringUp ?? '',
			goalId: props.goalId ?? null,
			stepId: props.stepId ?? null
		})
		.returning({ id: checkIn.id });
	if (!row) throw new Error('check-in not created');
	return row;
}

/**
 * A session of `groupId` on `date` at the group's start time: planned by default, or cancelled
 * (with a reason). Give `attendance` for a session that was held: who was there, excused or absent.
 * Returns its id.
 */
export async function buildSession(
	db: Db,
	props: {
		groupId: string;
		date: string;
		startTime?: string;
		cancelReason?: string;
		moduleNumber?: number;
		topic?: string;
		attendance?: { participant: Actor; status: 'present' | 'excused' | 'absent'; recordedBy?: Actor }[];
	}
): Promise<{ id: string }> {
	let startTime = props.startTime;
	if (!startTime) {
		const [group] = await db
			.select({ startTime: courseGroup.startTime })
			.from(courseGroup)
			.where(eq(courseGroup.id, props.groupId));
		if (!group) throw new Error(`no group ${props.groupId}`);
		startTime = group.startTime;
	}
	const [session] = await db
		.insert(groupSession)
		.values({
			groupId: props.groupId,
			date: props.date,
			startTime,
			status: props.cancelReason ? 'cancelled' : 'planned',
			cancelReason: props.cancelReason ?? null,
			moduleNumber: props.moduleNumber ?? null,
			topic: props.topic ?? ''
		})
		.returning({ id: groupSession.id });
	if (!session) throw new Error('session not created');
	if (props.attendance?.length)
		await db.insert(sessionAttendance).values(
			props.attendance.map((one) => ({
				sessionId: session.id,
				personId: one.participant.personId,
				status: one.status,
				recordedByPersonId: one.recordedBy?.personId ?? null
			}))
		);
	return session;
}

/**
 * A small curriculum version of `organisationId` (the next version number; published unless
 * `published: false`): `modules` modules numbered from 1, each with `stepsPerModule` text steps keyed
 * "<module>-stap-<n>". Each group in `groups` follows it, as a group's first use makes it follow the
 * newest version: module 1 open, the others coming. Returns the version's id and its modules.
 */
export async function buildCurriculum(
	db: Db,
	props: {
		organisationId: string;
		modules?: number;
		stepsPerModule?: number;
		published?: boolean;
		groups?: string[];
	}
): Promise<{ versionId: string; modules: { id: string; number: number; stepKeys: string[] }[] }> {
	const [last] = await db
		.select({ number: max(curriculumVersion.number) })
		.from(curriculumVersion)
		.where(eq(curriculumVersion.organisationId, props.organisationId));
	const [version] = await db
		.insert(curriculumVersion)
		.values({
			organisationId: props.organisationId,
			number: (last?.number ?? 0) + 1,
			publishedAt: props.published === false ? null : new Date()
		})
		.returning({ id: curriculumVersion.id });
	if (!version) throw new Error('curriculum version not created');
	const text = (nl: string, en: string) => ({ nl, en });
	const modules = [];
	for (let number = 1; number <= (props.modules ?? 2); number++) {
		const [module] = await db
			.insert(curriculumModule)
			.values({
				versionId: version.id,
				number,
				slug: `module-${number}`,
				title: text(`Module ${number}`, `Module ${number}`),
				summary: text(`Over module ${number}.`, `About module ${number}.`)
			})
			.returning({ id: curriculumModule.id });
		if (!module) throw new Error('module not created');
		const stepKeys = Array.from({ length: props.stepsPerModule ?? 2 }, (_, i) => `${number}-stap-${i + 1}`);
		await db.insert(curriculumStep).values(
			stepKeys.map((key, i) => ({
				moduleId: module.id,
				key,
				position: i + 1,
				kind: 'text' as const,
				title: text(`Stap ${i + 1}`, `Step ${i + 1}`),
				body: text(`Tekst van stap ${i + 1}.`, `Text of step ${i + 1}.`),
				bodyHtml: text(`<p>Tekst van stap ${i + 1}.</p>`, `<p>Text of step ${i + 1}.</p>`)
			}))
		);
		modules.push({ id: module.id, number, stepKeys });
	}
	for (const groupId of props.groups ?? []) {
		await db.insert(groupCourse).values({ groupId, versionId: version.id });
		await db.insert(groupModule).values(
			modules.map(({ number }, index) => ({
				groupId,
				moduleNumber: number,
				state: index === 0 ? ('open' as const) : ('coming' as const),
				position: index + 1
			}))
		);
	}
	return { versionId: version.id, modules };
}

/**
 * A signed-in session of `actor` (staff with their second factor done), as the session cookie's value
 * for a browser test on plain http (cookie name "herstelpad").
 */
export async function buildSignedIn(db: Db, actor: Actor, hours = 6): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.insert(session).values({
		id: randomUUID(),
		token: createHash('sha256').update(token).digest('hex'),
		userId: actor.userId,
		method: 'password',
		secondFactor: actor.role === 'participant' ? null : 'totp',
		expiresAt: new Date(Date.now() + hours * 3_600_000)
	});
	return token;
}
