/**
 * A group's own items in a module, written: a short text, a link, an exercise or a file that its
 * trainer adds (or removes). They follow the module's steps for that group only, as steps with the
 * key "eigen-<id>", so progress and answers work as for any step.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../../db/client';
import { groupItem } from '../../db/schema';
import { sniffDocument, type DocumentType } from '../../media/sniff';
import { removeStored, storeBytes } from '../../media/storage';
import { claimFormKey } from '../../idempotency';
import { requireGroupTrainer } from '../../access';
import { NotFound } from '../../errors';
import { renderMarkdown } from '../markdown';
import { groupItemKey, groupItemIdOf } from './step-key';
import type { groupItemInput } from '../schema';

/** Largest file a trainer may share with the group. */
export const MAX_GROUP_FILE_BYTES = 10 * 1024 * 1024;

/** A file for a "file" item, checked by its first bytes; stored under DATA_DIR/media. */
export interface GroupFile {
	bytes: Uint8Array;
	label: string;
}

export type AddItemResult = { key: string } | { error: 'file_required' | 'file_type' | 'file_too_large' };

/**
 * Adds an own item to a module of a group the trainer trains (NotFound otherwise); returns its step
 * key. With the form's idempotency key, a resend of the same post returns the first item's key and
 * adds nothing.
 */
export async function addGroupItem(
	db: Db,
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	input: z.infer<typeof groupItemInput> & { key?: string | null },
	upload: { file: GroupFile | null; dataDir: string } | null = null
): Promise<AddItemResult> {
	const file = upload?.file;
	const group = await requireGroupTrainer(db, actor, groupId);
	let stored: { name: string; type: DocumentType; label: string; bytes: number } | null = null;
	if (input.kind === 'file') {
		if (!upload || !file || file.bytes.byteLength === 0) return { error: 'file_required' };
		if (file.bytes.byteLength > MAX_GROUP_FILE_BYTES) return { error: 'file_too_large' };
		const type = sniffDocument(file.bytes.subarray(0, 16));
		if (!type) return { error: 'file_type' };
		const extension = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg';
		const label = file.label.replace(/[^\p{L}\p{N} ._()-]/gu, '').slice(0, 100) || `bestand.${extension}`;
		stored = {
			name: await storeBytes(upload.dataDir, file.bytes, extension),
			type,
			label,
			bytes: file.bytes.byteLength
		};
	}
	const link = input.kind === 'link' ? input.url.trim() : null;
	const markdown = link ? `${input.text}\n\n[${input.title.replace(/[[\]]/g, '')}](${link})` : input.text;
	const id = randomUUID();
	return db.transaction(async (tx) => {
		const claim = { personId: actor.personId, action: 'group_item.add', key: input.key };
		const first = await claimFormKey(tx, claim, { key: groupItemKey(id) });
		if (first) {
			// A replay: the file this post carried again is not needed.
			if (stored && upload) await removeStored(upload.dataDir, stored.name);
			return first.result;
		}
		return insertItem(tx, actor, { id, groupId: group.id, moduleNumber, input, link, markdown, stored });
	});
}

async function insertItem(
	tx: Tx,
	actor: Actor,
	item: {
		id: string;
		groupId: string;
		moduleNumber: number;
		input: z.infer<typeof groupItemInput>;
		link: string | null;
		markdown: string;
		stored: { name: string; type: DocumentType; label: string; bytes: number } | null;
	}
): Promise<AddItemResult> {
	const { groupId, moduleNumber, input, link, markdown, stored } = item;
	const db = tx;
	const [row] = await db
		.insert(groupItem)
		.values({
			id: item.id,
			groupId,
			moduleNumber,
			kind: input.kind,
			title: input.title,
			body: input.text,
			bodyHtml: renderMarkdown(markdown),
			url: link,
			question: input.kind === 'exercise' ? input.question : null,
			fileName: stored?.name ?? null,
			fileType: stored?.type ?? null,
			fileLabel: stored?.label ?? null,
			fileBytes: stored?.bytes ?? null,
			createdByPersonId: actor.personId
		})
		.returning({ id: groupItem.id });
	if (!row) throw new Error('group item not inserted');
	if (stored) {
		// The download link needs the item's id: add it once the item exists.
		const size = `${Math.max(0.1, Math.round((stored.bytes / 1024 / 1024) * 10) / 10)} MB`;
		const download = `[${stored.label.replace(/[[\]]/g, '')} (${size})](/api/groepsbestand/${row.id})`;
		await db
			.update(groupItem)
			.set({ bodyHtml: renderMarkdown(`${input.text}\n\n${download}`) })
			.where(eq(groupItem.id, row.id));
	}
	return { key: groupItemKey(row.id) };
}

/** Removes an own item (answers to it stay with the participants' data); NotFound when there is none. */
export async function removeGroupItem(
	db: Db,
	actor: Actor,
	groupId: string,
	moduleNumber: number,
	key: string
): Promise<void> {
	const group = await requireGroupTrainer(db, actor, groupId);
	const id = groupItemIdOf(key);
	if (!id) throw new NotFound('group_item');
	const removed = await db
		.delete(groupItem)
		.where(
			and(eq(groupItem.id, id), eq(groupItem.groupId, group.id), eq(groupItem.moduleNumber, moduleNumber))
		)
		.returning({ id: groupItem.id });
	if (removed.length === 0) throw new NotFound('group_item');
}
