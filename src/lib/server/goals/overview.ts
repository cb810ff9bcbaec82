/**
 * The participant's overview (home page): my goal now, this week's step and whether the check-in is
 * done, the module I'm in and its next step, and how close I felt over the weeks. Read on every
 * visit, so kept per person for a few seconds in each instance; the database tells every instance
 * when that person's goals, check-ins or course progress change (migration 0012), and this
 * instance forgets at once after its own writes.
 */
import { currentModule } from '$lib/domain/curriculum';
import type { Actor } from '$lib/domain/policy';
import { participantCourse, participantModule, type Locale } from '../curriculum/course';
import type { Db } from '../db/client';
import { currentDb } from '../runtime';
import { chartPointsOf, checkInContext, checkInHistory } from './check-in';
import { unreadForParticipant } from '../guidance/messages';
import { starterLessonsOffered } from '../guidance/starter-lessons';
import { currentPractice } from '../calendar/home-practice';
import { hasSeenTour } from '../guidance/tour';
import { overviewCache, type Overview } from './overview-cache';

export type { Overview };

export async function participantOverview(
	actor: Actor,
	locale: Locale,
	now: Date = new Date(),
	db: Db = currentDb()
): Promise<Overview> {
	const hit = overviewCache.get(actor.personId)?.[locale];
	if (hit) return hit;
	return overviewCache.shared(
		`${actor.personId}:${locale}`,
		() => loadOverview(actor, locale, now, db),
		(overview) =>
			overviewCache.set(actor.personId, actor.userId, {
				...overviewCache.get(actor.personId),
				[locale]: overview
			})
	);
}

async function loadOverview(actor: Actor, locale: Locale, now: Date, db: Db): Promise<Overview> {
	const [context, course, history, unread, starterLessons, practice, tourSeen] = await Promise.all([
		checkInContext(actor, now, db),
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
