/**
 * A group's own items as they are read: per module, for the course; one by its step key; and the
 * stored file of a "file" item, for whoever may download it. The writes are in ./commands.ts.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../../db/client';
import { groupItem, groupMember, groupModule } from '../../db/schema';
import { isParticipant, isTrainer, requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { isUuid } from '$lib/domain/ids';
import { groupItemKey, groupItemIdOf } from './step-key';

export type GroupItemKind = 'text' | 'link' | 'exercise' | 'file';

export interface GroupItemRow {
	id: string;
	key: string;
	moduleNumber: number;
	kind: GroupItemKind;
	title: string;
	bodyHtml: string;
	question: string | null;
	/** For a file: its type from its first bytes (a PDF or a picture). */
	fileType: string | null;
}

const columns = {
	id: groupItem.id,
	moduleNumber: groupItem.moduleNumber,
	kind: groupItem.kind,
	title: groupItem.title,
	bodyHtml: groupItem.bodyHtml,
	question: groupItem.question,
	fileType: groupItem.fileType
};

/** The group's own items, per module number, in the order they were added. */
export async function groupItemsOf(
	db: Db | Tx,
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
export async function groupItemByKey(db: Db | Tx, groupId: string, moduleNumber: number, key: string) {
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

/**
 * The stored file of a "file" item, for a trainer of the group or a participant of it while the
 * module is open; NotFound otherwise.
 */
export async function groupFileForActor(db: Db, actor: Actor, itemId: string) {
	if (!isUuid(itemId) || !actor.organisationId) throw new NotFound('group_file');
	const [item] = await db
		.select({
			groupId: groupItem.groupId,
			moduleNumber: groupItem.moduleNumber,
			fileName: groupItem.fileName,
			fileType: groupItem.fileType,
			fileLabel: groupItem.fileLabel
		})
		.from(groupItem)
		.where(eq(groupItem.id, itemId));
	if (!item?.fileName || !item.fileType) throw new NotFound('group_file');
	if (isTrainer(actor)) {
		await requireGroupTrainer(db, actor, item.groupId);
		return item;
	}
	if (!isParticipant(actor)) throw new NotFound('group_file');
	const [open] = await db
		.select({ state: groupModule.state })
		.from(groupMember)
		.innerJoin(
			groupModule,
			and(eq(groupModule.groupId, groupMember.groupId), eq(groupModule.moduleNumber, item.moduleNumber))
		)
		.where(
			and(
				eq(groupMember.groupId, item.groupId),
				eq(groupMember.personId, actor.personId),
				isNull(groupMember.leftAt),
				eq(groupModule.state, 'open')
			)
		);
	if (!open) throw new NotFound('group_file');
	return item;
}
