/**
 * The use figures as their readers may see them: the coordinator's organisation (with one page of
 * its groups) and one group (its trainers, or the coordinator). Reading them is an aggregate, not a
 * participant's data, so it writes no access-log row; the CSV download is an export and does.
 * Coordinators see counts of 1 to 4 as null ("te weinig om te tonen").
 */
import { shownCount, type UsageComponent, type WhyNotAnswer, type WhyNotComponent } from '$lib/domain/usage';
import type { Actor } from '$lib/domain/policy';
import { requireUsageGroup, requireUsageOrganisation } from '../access';
import { record } from '../audit/record';
import type { Db } from '../db/client';
import { groupsPage, usageFigures, type RawFigures, type UsageScope } from './figures';

type Count = number | null;

export interface UsageView {
	weeks: string[];
	hideSmallCounts: boolean;
	funnel: { invited: Count; everSignedIn: Count; activeThisWeek: Count };
	components: { component: UsageComponent; people: Count; uses: Count }[];
	trend: { week: string; active: Count; checkIns: Count; stepsSeen: Count }[];
	modules: { number: number; opened: Count; finished: Count }[];
	whyNot: { component: WhyNotComponent; answer: WhyNotAnswer; count: Count }[];
}

/** The figures with small counts hidden where the reader must not see them. */
export function shown(raw: RawFigures, hide: boolean): UsageView {
	const c = (count: number) => shownCount(count, hide);
	return {
		weeks: raw.weeks,
		hideSmallCounts: hide,
		funnel: {
			invited: c(raw.funnel.invited),
			everSignedIn: c(raw.funnel.everSignedIn),
			activeThisWeek: c(raw.funnel.activeThisWeek)
		},
		components: raw.components.map((row) => ({ ...row, people: c(row.people), uses: c(row.uses) })),
		trend: raw.trend.map((row) => ({
			week: row.week,
			active: c(row.active),
			checkIns: c(row.checkIns),
			stepsSeen: c(row.stepsSeen)
		})),
		modules: raw.modules.map((row) => ({ ...row, opened: c(row.opened), finished: c(row.finished) })),
		whyNot: raw.whyNot.map((row) => ({ ...row, count: c(row.count) }))
	};
}

export const USAGE_GROUPS_PAGE_SIZE = 20;

/** The coordinator's organisation: its figures and one page of its groups (counts only). */
export async function organisationUsage(db: Db, actor: Actor, page: number, now = new Date()) {
	const scope = requireUsageOrganisation(actor);
	const [raw, groups] = await Promise.all([
		usageFigures(db, { organisationId: scope.organisationId }, now),
		groupsPage(db, scope.organisationId, page, USAGE_GROUPS_PAGE_SIZE, now)
	]);
	return {
		figures: shown(raw, true),
		groups: {
			hasNext: groups.hasNext,
			rows: groups.groups.map((group) => ({
				id: group.id,
				name: group.name,
				invited: shownCount(group.invited, true),
				everSignedIn: shownCount(group.everSignedIn, true),
				activeThisWeek: shownCount(group.activeThisWeek, true)
			}))
		}
	};
}

/** One group's figures, for its trainers or its organisation's coordinator. */
export async function groupUsage(db: Db, actor: Actor, groupId: string, now = new Date()) {
	const group = await requireUsageGroup(db, actor, groupId);
	const raw = await usageFigures(db, { organisationId: group.organisationId, groupId: group.id }, now);
	return { group: { id: group.id, name: group.name }, figures: shown(raw, group.hideSmallCounts) };
}

/**
 * The figures for a CSV download, with its access-log row ('usage.export'): the organisation's
 * (coordinator) or one group's. Counts only, small ones hidden as for the page.
 */
export async function usageForExport(
	db: Db,
	actor: Actor,
	groupId: string | null,
	now = new Date()
): Promise<{ name: string | null; figures: UsageView }> {
	let scope: UsageScope;
	let hide: boolean;
	let name: string | null = null;
	if (groupId === null) {
		const organisation = requireUsageOrganisation(actor);
		scope = { organisationId: organisation.organisationId };
		hide = true;
	} else {
		const group = await requireUsageGroup(db, actor, groupId);
		scope = { organisationId: group.organisationId, groupId: group.id };
		hide = group.hideSmallCounts;
		name = group.name;
	}
	const raw = await usageFigures(db, scope, now);
	await record(db, {
		eventType: 'usage.export',
		action: 'E',
		actor,
		object:
			groupId === null ? { type: 'organisation', id: scope.organisationId } : { type: 'group', id: groupId }
	});
	return { name, figures: shown(raw, hide) };
}
