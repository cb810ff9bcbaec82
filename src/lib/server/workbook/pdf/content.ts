/**
 * What a printed workbook holds, gathered in one read: the participant's goals and steps, their
 * check-ins, and the texts of the modules open for their group with their own answers (and who typed
 * an answer in for them). The participant prints their own; a trainer of their group prints one for
 * them. Printing is in the access log (NEN 7513: print), one row, in the transaction of the reads.
 * The PDF is written from this by ./render.ts; a new section is a field here and a function there.
 */
import type { GoalStatus, LifeArea } from '$lib/domain/goals';
import type { Actor } from '$lib/domain/policy';
import { targetSessionDate } from '$lib/domain/week';
import type { PlanContent } from '$lib/domain/plan';
import {
	findPlanReader,
	requireParticipantAccess,
	requireParticipantInGroup,
	type ParticipantScope
} from '../../access';
import { record } from '../../audit/record';
import type { Locale } from '../../curriculum/course/localised';
import { openModuleSteps, type OpenModule, type OpenStep } from '../../curriculum/course/open-steps';
import type { Db, Tx } from '../../db/client';
import { checkInHistory } from '../../goals/check-in';
import { loadGoals } from '../../goals/queries';
import { withHeldSessions } from '../../goals/weeks';
import { networkRows, type SupporterView } from '../network/queries';
import { latestPlan } from '../plan/queries';
import { toolsOf, type ToolView } from '../toolbox/queries';

export type { Locale };

/** Check-ins in the workbook: five years of weeks at most (a year is 52). */
export const WORKBOOK_CHECK_INS = 260;

export interface WorkbookGoal {
	lifeArea: LifeArea;
	text: string;
	why: string;
	status: GoalStatus;
	isCurrent: boolean;
	/** The trainer who wrote it with the participant, if not the participant. */
	addedBy: string | null;
	steps: {
		text: string;
		/** The date of the session the step aims for (as the group's calendar stands now), or null. */
		targetWeek: string | null;
		status: 'open' | 'done' | 'replaced';
		addedBy: string | null;
	}[];
}

export interface WorkbookCheckIn {
	/** The session date that starts the week (YYYY-MM-DD). */
	weekStart: string;
	worked: 'yes' | 'a_bit' | 'not_yet';
	/** How close to the goal, 1 (far) to 5 (very close). */
	closeness: number;
}

/** An open module with the steps the group shows, and the participant's answers. */
export type WorkbookModule = OpenModule;
export type WorkbookStep = OpenStep;

/** Everything the printed workbook shows; render.ts writes one section per part. */
export interface WorkbookContent {
	locale: Locale;
	participant: { id: string; name: string };
	group: { name: string } | null;
	printedAt: Date;
	/** The trainer who printed it for the participant; null when they printed it themselves. */
	printedBy: string | null;
	/** "My goal now" first, then the others, newest first. */
	goals: WorkbookGoal[];
	/** Oldest first. */
	checkIns: WorkbookCheckIn[];
	/** The modules open for the group, in the group's order, with the steps the group shows. */
	modules: WorkbookModule[];
	/**
	 * The relapse-prevention plan, newest version; null when there is none, or when a trainer prints
	 * and the participant does not share the plan with the care team.
	 */
	plan: { content: PlanContent; updatedAt: Date; reviewDue: string | null } | null;
	/** "Wat helpt mij": the coping tools, best rated first. */
	tools: ToolView[];
	/** The support network, closest first. */
	network: SupporterView[];
}

/**
 * The workbook of a participant, for themselves or a trainer of their group now (with `inGroup`:
 * the group in the trainer's URL must be theirs). NotFound (logged) otherwise. Writes one
 * `workbook.print` row with the reads.
 */
export async function workbookContent(
	db: Db,
	actor: Actor,
	participantId: string,
	locale: Locale,
	options: { inGroup?: { groupId: string } } = {}
): Promise<WorkbookContent> {
	const scope = options.inGroup
		? await requireParticipantInGroup(db, actor, options.inGroup.groupId, participantId, 'read')
		: await requireParticipantAccess(db, actor, participantId, 'read');
	return db.transaction(async (tx) => {
		// One after the other: the transaction's connection runs one query at a time.
		const goals = await goalsOf(tx, scope);
		const checkIns = await checkInHistory(tx, participantId, WORKBOOK_CHECK_INS);
		const modules = scope.group
			? await openModuleSteps(
					tx,
					{ groupId: scope.group.id, organisationId: scope.organisationId },
					participantId,
					locale
				)
			: [];
		const reader = await findPlanReader(tx, actor, participantId);
		const plan = reader ? await latestPlan(tx, participantId) : null;
		const tools = await toolsOf(tx, participantId, locale);
		const network = await networkRows(tx, participantId);
		// A plan shown to someone else (a trainer, shared with the care team) is a read of its own.
		if (plan?.versionId && reader && reader.as !== 'self')
			await record(tx, {
				eventType: 'plan.read',
				action: 'R',
				actor,
				participantId,
				object: { type: 'relapse_plan', id: plan.versionId }
			});
		await record(tx, {
			eventType: 'workbook.print',
			action: 'E',
			actor,
			participantId,
			object: { type: 'workbook', id: participantId }
		});
		return {
			locale,
			participant: { id: participantId, name: scope.participantName },
			group: scope.group && { name: scope.group.name },
			printedAt: new Date(),
			printedBy: scope.byStaff ? actor.displayName : null,
			goals,
			checkIns: checkIns.map(({ weekStart, worked, closeness }) => ({ weekStart, worked, closeness })),
			modules,
			plan: plan?.updatedAt
				? { content: plan.content, updatedAt: plan.updatedAt, reviewDue: plan.reviewDue }
				: null,
			tools,
			network
		};
	});
}

/** The goals with each step's session date as the group's calendar stands now (as /doel shows them). */
async function goalsOf(tx: Tx, scope: ParticipantScope): Promise<WorkbookGoal[]> {
	const goals = await loadGoals(tx, scope.participantId);
	const group = scope.group ? (await withHeldSessions(tx, [scope.group]))[0]! : null;
	return goals.map((goal) => ({
		lifeArea: goal.lifeArea,
		text: goal.text,
		why: goal.why,
		status: goal.status,
		isCurrent: goal.isCurrent,
		addedBy: goal.addedBy,
		steps: goal.steps.map((step) => ({
			text: step.text,
			targetWeek: step.targetWeek && group ? targetSessionDate(group, step.targetWeek) : step.targetWeek,
			status: step.status,
			addedBy: step.addedBy
		}))
	}));
}
