/**
 * A trainer's week, built in the database: an organisation of its own (other browser tests use the
 * demo group) with a small curriculum of three modules, a trainer and a co-trainer, and a group of twelve
 * participants with sessions a week ago, today and in a week. The participants differ in what the
 * group at a glance shows: one never signed in (with a card that still works); one checked in this week; one wrote a message; one
 * wrote and was answered by the co-trainer; one asked for help; one answered home practice that waits
 * for feedback. Everyone but the first has a current goal with a step.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/lib/domain/policy';
import { nextPlanned } from '../../src/lib/domain/calendar';
import { addDays, local } from '../../src/lib/domain/schedule';
import { checkInWeekAt } from '../../src/lib/domain/week';
import { record } from '../../src/lib/server/audit/record';
import type { Db } from '../../src/lib/server/db/client';
import {
	helpRequest,
	homePractice,
	homePracticeAnswer,
	loginCard,
	message
} from '../../src/lib/server/db/schema';
import { heldSessionsByGroup } from '../../src/lib/server/goals/weeks';
import {
	buildCheckIn,
	buildCurriculum,
	buildGoal,
	buildGroup,
	buildOrganisation,
	buildPerson,
	buildSession
} from './builders';

export interface TrainerWeek {
	organisationId: string;
	groupId: string;
	groupName: string;
	trainer: Actor;
	coTrainer: Actor;
	/** By name: never signed in first, then the others in the order above. */
	participants: Actor[];
	sessions: { lastWeek: string; today: string; nextWeek: string };
	practiceId: string;
	/** The start of the group's check-in week now. */
	weekStart: string;
}

export async function buildTrainerWeek(db: Db, now = new Date()): Promise<TrainerWeek> {
	const marker = randomBytes(4).toString('hex');
	const org = await buildOrganisation(db, `Trainersweek ${marker}`);
	const trainer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: `Tamara ${marker}`
	});
	const coTrainer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: `Ewout ${marker}`,
		isPeerExpert: true
	});
	const names = [
		'Aart',
		'Bea',
		'Cor',
		'Dewi',
		'Eva',
		'Fenna',
		'Gijs',
		'Hanna',
		'Ilse',
		'Jop',
		'Kees',
		'Lotte'
	];
	const participants: Actor[] = [];
	for (const name of names)
		participants.push(await buildPerson(db, { organisationId: org.id, role: 'participant', name }));
	const groupName = `Groep ${marker}`;
	const group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer, coTrainer],
		participants,
		name: groupName
	});
	await buildCurriculum(db, { organisationId: org.id, modules: 3, stepsPerModule: 2, groups: [group.id] });
	const today = local(now).date;
	const lastWeek = await buildSession(db, { groupId: group.id, date: addDays(today, -7) });
	const todays = await buildSession(db, { groupId: group.id, date: today });
	const nextWeek = await buildSession(db, { groupId: group.id, date: addDays(today, 7) });
	const [never, checkedIn, writer, answered, helpSeeker, practiser] = participants as [
		Actor,
		Actor,
		Actor,
		Actor,
		Actor,
		Actor
	];
	for (const participant of participants.slice(1)) {
		await record(db, { eventType: 'auth.sign_in', action: 'E', actor: participant });
		await buildGoal(db, { participant, step: `Elke dag wandelen (${participant.displayName})` });
	}
	// Aart has a card that still works (made last week and not used yet).
	await db.insert(loginCard).values({
		personId: never.personId,
		codeHash: randomBytes(32).toString('hex'),
		issuedByPersonId: trainer.personId,
		expiresAt: new Date(now.getTime() + 20 * 86_400_000)
	});
	const calendar = await heldSessionsByGroup(db, [group.id]);
	const week = checkInWeekAt({ ...group, heldSessions: calendar.get(group.id) ?? null }, now);
	if (!week) throw new Error('the trainer week has no check-in week now');
	await buildCheckIn(db, {
		participant: checkedIn,
		groupId: group.id,
		weekStart: week.startDate,
		closeness: 4
	});
	await db.insert(message).values([
		{
			personId: writer.personId,
			groupId: group.id,
			authorPersonId: writer.personId,
			body: 'Mag ik iets vragen?'
		},
		{
			personId: answered.personId,
			groupId: group.id,
			authorPersonId: answered.personId,
			body: 'Ik kom later.',
			createdAt: new Date(now.getTime() - 60_000)
		},
		{
			personId: answered.personId,
			groupId: group.id,
			authorPersonId: coTrainer.personId,
			body: 'Prima, tot zo.'
		}
	]);
	await db
		.insert(helpRequest)
		.values({ personId: helpSeeker.personId, groupId: group.id, fromPath: '/doel' });
	// Given at the session before the next one (today's once it has begun), as the preparation page shows it.
	const nextIsToday = nextPlanned([{ date: today, time: '14:00', status: 'planned' }], local(now)) !== null;
	const [practice] = await db
		.insert(homePractice)
		.values({
			groupId: group.id,
			sessionId: nextIsToday ? lastWeek.id : todays.id,
			text: { nl: 'Schrijf op wat je helpt.', en: 'Write down what helps you.' }
		})
		.returning({ id: homePractice.id });
	await db
		.insert(homePracticeAnswer)
		.values({ practiceId: practice!.id, personId: practiser.personId, answer: 'Wandelen met de hond.' });
	return {
		organisationId: org.id,
		groupId: group.id,
		groupName,
		trainer,
		coTrainer,
		participants,
		sessions: { lastWeek: lastWeek.id, today: todays.id, nextWeek: nextWeek.id },
		practiceId: practice!.id,
		weekStart: week.startDate
	};
}
