/**
 * The participant's overview (home page): my goal now, this week's step and whether the check-in is
 * done, the module I'm in and its next step, and how close I felt over the weeks. Read on every
 * visit, so kept per person for a few seconds in each instance; the database tells every instance
 * when that person's goals, check-ins, messages or course progress change (NOTIFY herstelpad_cache;
 * the table of triggers is in auth/session-cache.ts), also for this instance's own writes.
 */
import { currentModule } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import { participantCourse, participantModule } from '../curriculum/course/queries';
import type { Locale } from '../curriculum/course/localised';
import type { Db } from '../db/client';
import { chartPointsOf, checkInContext, checkInHistory } from './check-in';
import { unreadForParticipant } from '../guidance/messages/queries';
import { starterLessonsOffered } from '../guidance/starter-lessons/queries';
import { currentPractice } from '../calendar/home-practice/queries';
import { hasSeenTour } from '../guidance/tour/queries';
import { overviewCache, type Overview } from './overview-cache';

export type { Overview };

/** The participant's own overview (no object to check: the area guard let a participant in). */
export async function participantOverview(
	db: Db,
	actor: Actor,
	locale: Locale,
	now: Date = new Date()
): Promise<Overview> {
	const hit = overviewCache.get(actor.personId)?.[locale];
	if (hit) return hit;
	return overviewCache.shared(
		`${actor.personId}:${locale}`,
		() => loadOverview(db, actor, locale, now),
		(overview) =>
			overviewCache.set(actor.personId, actor.userId, {
				...overviewCache.get(actor.personId),
				[locale]: overview
			})
	);
}

async function loadOverview(db: Db, actor: Actor, locale: Locale, now: Date): Promise<Overview> {
	const [context, course, history, unread, starterLessons, practice, tourSeen] = await Promise.all([
		checkInContext(db, actor, now),
		participantCourse(db, actor, locale),
		checkInHistory(db, actor.personId, 8),
		unreadForParticipant(db, actor.personId),
		starterLessonsOffered(db, actor.personId),
		currentPractice(db, actor, locale, now),
		hasSeenTour(db, actor.personId)
	]);
	const current = course ? currentModule(course.modules) : null;
	let module: Overview['module'] = null;
	if (current) {
		const detail = await participantModule(db, actor, current.number, locale);
		const next = detail?.steps.find((step) => step.key === detail.resumeKey) ?? null;
		module = {
			number: current.number,
			title: current.title,
			next: next && { key: next.key, title: next.title }
		};
	}
	return {
		goal: context?.goal?.text ?? null,
		step: context?.step?.text ?? null,
		checkIn: !context ? 'none' : context.done ? 'done' : 'open',
		module,
		chart: chartPointsOf(history),
		unread,
		starterLessons,
		practice: !practice ? null : !practice.answer ? 'open' : practice.feedback ? 'feedback' : 'done',
		tourSeen
	};
}
