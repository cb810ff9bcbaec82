/**
 * A group's own items in a module: a short text, a link or an exercise that its trainer adds. They
 * follow the module's steps for that group only, as steps with the key "eigen-<id>", so progress and
 * answers work as for any step.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '../db/client';
import { groupItem } from '../db/schema';
import { currentDb } from '../runtime';
import { renderMarkdown } from './markdown';
import { trainedGroup } from './tailoring';

const KEY = /^eigen-([0-9a-f]{32})$/;

export function groupItemKey(id: string): string {
	return `eigen-${id.replace(/-/g, '')}`;
}

/** The item id in a step key "eigen-…", or null for a curriculum step. */
export function groupItemIdOf(key: string): string | null {
	const hex = KEY.exec(key)?.[1];
	return hex
		? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
		: null;
}

export type GroupItemKind = 'text' | 'link' | 'exercise';

export interface GroupItemRow {
	id: string;
	key: string;
	moduleNumber: number;
	kind: GroupItemKind;
	title: string;
	bodyHtml: string;
	question: string | null;
}

const columns = {
	id: groupItem.id,
	moduleNumber: groupItem.moduleNumber,
	kind: groupItem.kind,
	title: groupItem.title,
	bodyHtml: groupItem.bodyHtml,
	question: groupItem.question
};

/** The group's own items, per module number, in the order they were added. */
export async function groupItemsOf(
	db: Db,
	groupId: string,
	moduleNumbers?: number[]
): Promise<GroupItemRow[]> {
	const rows = await db
		.select(columns)
		.from(groupItem)
		.where(
			and(
				eq(groupItem.groupId, groupId),
				moduleNumbers ? inArray(groupItem.moduleNumber, moduleNumbers) : undefined
			)
		)
		.orderBy(asc(groupItem.createdAt), asc(groupItem.id));
	return rows.map((row) => ({ ...row, key: groupItemKey(row.id) }));
}

/** One own item of the group in a module, by its step key. */
export async function groupItemByKey(db: Db, groupId: string, moduleNumber: number, key: string) {
	const id = groupItemIdOf(key);
	if (!id) return null;
	const [row] = await db
		.select(columns)
		.from(groupItem)
		.where(
			and(eq(groupItem.id, id), eq(groupItem.groupId, groupId), eq(groupItem.moduleNumber, moduleNumber))
		);
	return row ? { ...row, key } : null;
}

const httpsUrl = z
	.string()
	.trim()
	.max(500, 'too_long')
	.refine((value) => {
		try {
			return ['https:', 'http:'].includes(new URL(value).protocol);
		} catch {
			return false;
		}
	}, 'url_invalid');

export const groupItemInput = z
	.object({
		soort: z.enum(['text', 'link', 'exercise'], { error: 'kind_required' }),
		titel: z.string({ error: 'title_required' }).trim().min(1, 'title_required').max(120, 'too_long'),
		tekst: z.string().trim().max(2000, 'too_long').default(''),
		link: z.string().default(''),
		vraag: z.string().trim().max(300, 'too_long').default('')
	})
	.superRefine((item, context) => {
		if (item.soort === 'link' && !httpsUrl.safeParse(item.link).success)
			context.addIssue({ code: 'custom', path: ['link'], message: 'url_invalid' });
		if (item.soort === 'exercise' && !item.vraag)
			context.addIssue({ code: 'custom', path: ['vraag'], message: 'question_required' });
		if (item.soort === 'text' && !item.tekst)
			context.addIssue({ code: 'custom', path: ['tekst'], message: 'text_required' });
	});

/** Adds an own item to a module of a group the trainer trains; returns its step key. */
export async function addGroupItem(
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	input: z.infer<typeof groupItemInput>,
	db: Db = currentDb()
): Promise<string | null> {
	const group = await trainedGroup(actor, groupId, db);
	if (!group) return null;
	const link = input.soort === 'link' ? input.link.trim() : null;
	const markdown = link ? `${input.tekst}\n\n[${input.titel.replace(/[[\]]/g, '')}](${link})` : input.tekst;
	const [row] = await db
		.insert(groupItem)
		.values({
			groupId: group.id,
			moduleNumber,
			kind: input.soort,
			title: input.titel,
			body: input.tekst,
			bodyHtml: renderMarkdown(markdown),
			url: link,
			question: input.soort === 'exercise' ? input.vraag : null,
			createdByPersonId: actor.personId
		})
		.returning({ id: groupItem.id });
	return row ? groupItemKey(row.id) : null;
}

/** Removes an own item (answers to it stay with the participants' data). */
export async function removeGroupItem(
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	key: string,
	db: Db = currentDb()
): Promise<boolean> {
	const group = await trainedGroup(actor, groupId, db);
	const id = groupItemIdOf(key);
	if (!group || !id) return false;
	const removed = await db
		.delete(groupItem)
		.where(
			and(eq(groupItem.id, id), eq(groupItem.groupId, group.id), eq(groupItem.moduleNumber, moduleNumber))
		)
		.returning({ id: groupItem.id });
	return removed.length > 0;
}
