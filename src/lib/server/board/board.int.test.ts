/**
 * The group board: who may read and write it (the group's current participants and its trainers;
 * another group's or organisation's people get NotFound, a logged refusal, and nothing), what each
 * sees, reactions in words, reports, the trainers' moderation with its access-log rows, "approve
 * first", the live wall's entry point, and the daily notice without content.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import type { Db } from '../db/client';
import {
	auditEvent,
	boardNoticeSent,
	boardPost,
	boardReaction,
	boardReader,
	boardReport,
	groupMember,
	reminderPreference
} from '../db/schema';
import { Conflict, Invalid, NotFound } from '../errors';
import { boardModerationInput, boardPostInput } from './schema';
import {
	markBoardRulesSeen,
	moderatePost,
	postToBoardInTransaction,
	reportPost,
	setApproveFirst,
	setReaction,
	writePost
} from './commands';
import { boardAttention, boardSettingOf, groupBoard, ownBoard } from './queries';
import { deliverBoardNotice, dueBoardNotices } from './notices';
import type { Senders } from '../reminders/deliver';
import { BOARD_QUEUE, startReminderWorker } from '../reminders/worker';
import { openDatabase } from '../db/client';
import { sql } from 'drizzle-orm';

let db: Db;
let url: string;
let trainer: Actor;
let peerTrainer: Actor;
let coordinator: Actor;
let anna: Actor;
let bram: Actor;
let chris: Actor;
/** Same organisation, other group. */
let otherParticipant: Actor;
let otherTrainer: Actor;
/** Another organisation. */
let strangerParticipant: Actor;
let strangerTrainer: Actor;
let strangerCoordinator: Actor;
let group: { id: string };
let otherGroup: { id: string };

beforeAll(async () => {
	const database = await createTestDatabase();
	db = database.db;
	url = database.url;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer', name: 'Tamara' });
	peerTrainer = await buildPerson(db, {
		organisationId: org.id,
		role: 'trainer',
		name: 'Esra',
		isPeerExpert: true
	});
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	chris = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Chris' });
	otherParticipant = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	group = await buildGroup(db, {
		organisationId: org.id,
		trainers: [trainer, peerTrainer],
		participants: [anna, bram, chris]
	});
	otherGroup = await buildGroup(db, {
		organisationId: org.id,
		trainers: [otherTrainer],
		participants: [otherParticipant]
	});
	const stranger = await buildOrganisation(db);
	strangerParticipant = await buildPerson(db, { organisationId: stranger.id, role: 'participant' });
	strangerTrainer = await buildPerson(db, { organisationId: stranger.id, role: 'trainer' });
	strangerCoordinator = await buildPerson(db, { organisationId: stranger.id, role: 'coordinator' });
	await buildGroup(db, {
		organisationId: stranger.id,
		trainers: [strangerTrainer],
		participants: [strangerParticipant]
	});
});

const refusals = async (actor: Actor) =>
	(
		await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.outcome, 'failure')))
	).map((row) => [row.eventType, row.participantId, row.objectType, row.objectId]);

const eventsOf = async (actor: Actor) =>
	(
		await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.outcome, 'success')))
	).map((row) => row.eventType);

describe('who may use a group board', () => {
	let post: string;
	beforeAll(async () => {
		post = (await writePost(db, anna, { text: 'Vandaag ging het goed.' })).id;
	});

	it("shows the group's participants and trainers the post, the trainer's read logged with its author", async () => {
		const seen = await ownBoard(db, bram, 0);
		expect(seen?.posts.map((p) => [p.text, p.authorName, p.mine])).toEqual([
			['Vandaag ging het goed.', 'Anna', false]
		]);
		const board = await groupBoard(db, trainer, group.id, 0);
		expect(board.posts.map((p) => p.id)).toEqual([post]);
		const [read] = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, trainer.personId), eq(auditEvent.eventType, 'board.read')));
		expect(read?.participantIds).toEqual([anna.personId]);
	});

	it("gives another group's and another organisation's people nothing, with a logged refusal", async () => {
		// A participant sees their own group's board only: the other group's board has no posts of Anna.
		expect((await ownBoard(db, otherParticipant, 0))?.posts).toEqual([]);
		for (const stranger of [otherParticipant, strangerParticipant, otherTrainer, strangerTrainer]) {
			await expect(setReaction(db, stranger, { postId: post, word: 'strength', on: true })).rejects.toThrow(
				NotFound
			);
			await expect(reportPost(db, stranger, post)).rejects.toThrow(NotFound);
			await expect(writePost(db, stranger, { parentId: post, text: 'Hallo' })).rejects.toThrow(NotFound);
			expect(await refusals(stranger)).toContainEqual(['access.denied', null, 'board_post', post]);
		}
		for (const stranger of [otherTrainer, strangerTrainer, coordinator]) {
			await expect(groupBoard(db, stranger, group.id, 0)).rejects.toThrow(NotFound);
			await expect(writePost(db, stranger, { groupId: group.id, text: 'Hallo' })).rejects.toThrow(NotFound);
			await expect(
				moderatePost(db, stranger, group.id, { postId: post, act: 'hide', reason: 'x' })
			).rejects.toThrow(NotFound);
			expect(await refusals(stranger)).toContainEqual(['access.denied', null, 'board', group.id]);
		}
		expect(await ownBoard(db, strangerCoordinator, 0)).toBeNull();
		await expect(setApproveFirst(db, strangerCoordinator, group.id, true)).rejects.toThrow(NotFound);
		// Nothing was written by any of them.
		expect(await db.select().from(boardReaction).where(eq(boardReaction.postId, post))).toEqual([]);
		expect(await db.select().from(boardReport).where(eq(boardReport.postId, post))).toEqual([]);
		expect(await db.select().from(boardPost).where(eq(boardPost.parentId, post))).toEqual([]);
		expect(await boardSettingOf(db, coordinator, group.id)).toEqual({ approveFirst: false });
	});

	it("follows the participant's current group: who moved no longer sees the old board", async () => {
		const mover = await buildPerson(db, { organisationId: anna.organisationId, role: 'participant' });
		await db.insert(groupMember).values({ groupId: group.id, personId: mover.personId });
		expect((await ownBoard(db, mover, 0))?.posts.map((p) => p.id)).toEqual([post]);
		await db.update(groupMember).set({ leftAt: new Date() }).where(eq(groupMember.personId, mover.personId));
		await db.insert(groupMember).values({ groupId: otherGroup.id, personId: mover.personId });
		expect((await ownBoard(db, mover, 0))?.posts.map((p) => p.id)).toEqual([]);
		await expect(setReaction(db, mover, { postId: post, word: 'strength', on: true })).rejects.toThrow(
			NotFound
		);
	});
});

describe('reactions, replies and paging', () => {
	it('lists who gave which supportive word, by name, once however often it is sent; it can be taken back', async () => {
		const { id } = await writePost(db, bram, { text: 'Ik ben naar buiten geweest.' });
		await setReaction(db, anna, { postId: id, word: 'well_done', on: true });
		await setReaction(db, anna, { postId: id, word: 'well_done', on: true }); // sent twice: once
		expect((await eventsOf(anna)).filter((event) => event === 'board.react')).toHaveLength(1);
		await setReaction(db, chris, { postId: id, word: 'well_done', on: true });
		await setReaction(db, peerTrainer, { postId: id, word: 'recognise', on: true });
		const [post] = (await ownBoard(db, anna, 0))!.posts;
		expect(post?.reactions).toEqual([
			{ word: 'strength', names: [], mine: false },
			{ word: 'recognise', names: ['Esra'], mine: false },
			{ word: 'well_done', names: ['Chris'], mine: true }
		]);
		await setReaction(db, anna, { postId: id, word: 'well_done', on: false });
		expect((await ownBoard(db, anna, 0))!.posts[0]?.reactions[2]).toEqual({
			word: 'well_done',
			names: ['Chris'],
			mine: false
		});
	});

	it("marks a peer expert's post, and a live-wall post as from the group session", async () => {
		await db.transaction((tx) =>
			postToBoardInTransaction(tx, {
				groupId: group.id,
				authorPersonId: peerTrainer.personId,
				text: 'Wat we vandaag deelden',
				kind: 'live_wall'
			})
		);
		const [post] = (await ownBoard(db, chris, 0))!.posts;
		expect(post).toMatchObject({
			text: 'Wat we vandaag deelden',
			byTrainer: true,
			byPeerExpert: true,
			fromSession: true
		});
		expect(await eventsOf(peerTrainer)).toContain('board.post_create');
		// Only a trainer of the group: nothing is written for anyone else.
		await expect(
			db.transaction((tx) =>
				postToBoardInTransaction(tx, {
					groupId: group.id,
					authorPersonId: otherTrainer.personId,
					text: 'Niet mijn groep',
					kind: 'post'
				})
			)
		).rejects.toThrow(NotFound);
	});

	it('shows one post per participant page, newest first, and says whether there is an older one', async () => {
		const first = await ownBoard(db, chris, 0);
		const second = await ownBoard(db, chris, 1);
		expect(first?.posts).toHaveLength(1);
		expect(first?.hasOlder).toBe(true);
		expect(second!.posts[0]!.createdAt.getTime()).toBeLessThanOrEqual(first!.posts[0]!.createdAt.getTime());
	});

	it('takes a reply once per form key', async () => {
		const { id } = await writePost(db, chris, { text: 'Wie gaat er mee wandelen?' });
		const key = crypto.randomUUID();
		const one = await writePost(db, anna, { parentId: id, text: 'Ik!', key });
		const two = await writePost(db, anna, { parentId: id, text: 'Ik!', key });
		expect(two).toEqual(one);
		expect(await db.select().from(boardPost).where(eq(boardPost.parentId, id))).toHaveLength(1);
	});
});

describe('moderation', () => {
	it('a report reaches the attention list; hiding needs a reason, which only the author sees', async () => {
		const { id } = await writePost(db, bram, { text: 'Iets wat niet fijn is.' });
		await reportPost(db, anna, id);
		await reportPost(db, anna, id); // again: nothing more
		expect(await eventsOf(anna)).toContain('board.report');
		expect(await boardAttention(db, trainer)).toContainEqual(
			expect.objectContaining({ groupId: group.id, reported: 1 })
		);
		const onBoard = await groupBoard(db, trainer, group.id, 0, true);
		expect(onBoard.posts.find((p) => p.id === id)?.reports).toBe(1);

		const noReason = boardModerationInput.safeParse({ postId: id, act: 'hide', reason: '' });
		expect(noReason.success).toBe(false);
		await moderatePost(db, trainer, group.id, { postId: id, act: 'hide', reason: 'Dit is te persoonlijk.' });
		const forAuthor = (await ownBoard(db, bram, 0))!.posts.find((p) => p.id === id);
		expect(forAuthor).toMatchObject({
			status: 'hidden',
			text: 'Iets wat niet fijn is.',
			reason: 'Dit is te persoonlijk.'
		});
		const forOthers = await collect(anna, id);
		expect(forOthers).toMatchObject({ status: 'hidden', text: null, reason: null });
		expect(await boardAttention(db, trainer)).not.toContainEqual(
			expect.objectContaining({ groupId: group.id, reported: 1 })
		);
		const [row] = await db
			.select()
			.from(auditEvent)
			.where(
				and(eq(auditEvent.actorPersonId, trainer.personId), eq(auditEvent.eventType, 'board.post_hide'))
			);
		expect(row).toMatchObject({ participantId: bram.personId, objectType: 'board_post', objectId: id });
		// Reacting to or replying on a hidden post is refused.
		await expect(setReaction(db, anna, { postId: id, word: 'strength', on: true })).rejects.toThrow(Conflict);
		await expect(writePost(db, anna, { parentId: id, text: 'Hé' })).rejects.toThrow(Conflict);
	});

	it('removing erases the text: the author sees why, the others nothing; each act is logged', async () => {
		const { id } = await writePost(db, chris, { text: 'Weg ermee.' });
		const { id: reply } = await writePost(db, anna, { parentId: id, text: 'Een reactie' });
		await moderatePost(db, peerTrainer, group.id, { postId: reply, act: 'remove', reason: 'Dubbel' });
		await moderatePost(db, trainer, group.id, {
			postId: id,
			act: 'remove',
			reason: 'Niet voor het prikbord'
		});
		const [stored] = await db.select().from(boardPost).where(eq(boardPost.id, id));
		expect(stored).toMatchObject({ status: 'removed', body: '' });
		expect(await collect(bram, id)).toBeUndefined();
		expect(await collect(chris, id)).toMatchObject({ text: null, reason: 'Niet voor het prikbord' });
		expect(await eventsOf(trainer)).toContain('board.post_remove');
		expect(await eventsOf(peerTrainer)).toContain('board.post_remove');
		// Removed twice: the second finds it changed.
		await expect(
			moderatePost(db, trainer, group.id, { postId: id, act: 'hide', reason: 'x' })
		).rejects.toThrow(Conflict);
	});

	it('a participant cannot moderate, and a trainer does not report', async () => {
		const { id } = await writePost(db, anna, { text: 'Mijn bericht' });
		await expect(
			moderatePost(db, bram, group.id, { postId: id, act: 'remove', reason: 'weg' })
		).rejects.toThrow(NotFound);
		await expect(reportPost(db, trainer, id)).rejects.toThrow(NotFound);
		expect((await db.select().from(boardPost).where(eq(boardPost.id, id)))[0]?.status).toBe('visible');
	});

	it("approve first: a participant's post waits, seen only by its author and the trainers, until approved", async () => {
		await setApproveFirst(db, coordinator, group.id, true);
		expect(await eventsOf(coordinator)).toContain('board.settings_update');
		const posted = await writePost(db, anna, { text: 'Wacht even' });
		expect(posted.status).toBe('waiting');
		expect(await collect(anna, posted.id)).toMatchObject({ status: 'waiting', text: 'Wacht even' });
		expect(await collect(bram, posted.id)).toBeUndefined();
		await expect(setReaction(db, bram, { postId: posted.id, word: 'strength', on: true })).rejects.toThrow(
			NotFound
		);
		// A trainer's post does not wait.
		expect((await writePost(db, trainer, { groupId: group.id, text: 'Van de trainer' })).status).toBe(
			'visible'
		);
		expect(await boardAttention(db, trainer)).toContainEqual(
			expect.objectContaining({ groupId: group.id, waiting: 1 })
		);
		await moderatePost(db, trainer, group.id, { postId: posted.id, act: 'approve', reason: '' });
		expect(await collect(bram, posted.id)).toMatchObject({ status: 'visible', text: 'Wacht even' });
		expect(await eventsOf(trainer)).toContain('board.post_approve');
		await setApproveFirst(db, coordinator, group.id, false);
	});
});

/** The post as `actor` finds it on the first pages of their board (undefined: not shown). */
async function collect(actor: Actor, postId: string) {
	for (let page = 0; page < 30; page++) {
		const board = await ownBoard(db, actor, page);
		const found = board?.posts.find((post) => post.id === postId);
		if (found) return found;
		if (!board?.hasOlder) return undefined;
	}
	return undefined;
}

describe('text', () => {
	it('refuses control characters but keeps a right-to-left override in free text, shown as text', async () => {
		const parsed = boardPostInput.safeParse({ text: 'a\u0007b' });
		expect(parsed.success).toBe(false);
		const rtl = boardPostInput.parse({ text: 'abc \u202Eevil.exe' });
		expect(rtl.text).toBe('abc \u202Eevil.exe');
		expect(boardPostInput.safeParse({ text: 'x'.repeat(1001) }).success).toBe(false);
		await expect(writePost(db, anna, { text: '   ' })).rejects.toThrow(Invalid);
	});
});

describe('the daily notice', () => {
	// Thursday 26 November 2026, 12:00 Dutch time.
	const noon = new Date('2026-11-26T12:00:00+01:00');
	const sent: unknown[] = [];
	const senders: Senders = {
		async email(to) {
			sent.push(to);
		},
		async push(to) {
			sent.push(to);
		}
	};
	let noticeGroup: { id: string };
	let reader: Actor;
	let writer: Actor;

	beforeAll(async () => {
		reader = await buildPerson(db, { organisationId: anna.organisationId, role: 'participant' });
		writer = await buildPerson(db, { organisationId: anna.organisationId, role: 'participant' });
		noticeGroup = await buildGroup(db, {
			organisationId: anna.organisationId!,
			trainers: [trainer],
			participants: [reader, writer]
		});
		await db
			.insert(reminderPreference)
			.values({ personId: reader.personId, enabled: true, channel: 'email' });
		await markBoardRulesSeen(db, reader);
		await db
			.update(boardReader)
			.set({ lastVisitAt: new Date('2026-11-20T10:00:00Z') })
			.where(eq(boardReader.personId, reader.personId));
		await db.insert(boardPost).values({
			groupId: noticeGroup.id,
			authorPersonId: writer.personId,
			body: 'Geheim: mijn dag was zwaar',
			createdAt: new Date('2026-11-26T09:00:00+01:00')
		});
	});

	it('is due once a day, outside quiet hours, and says nothing of the post', async () => {
		// In quiet hours (22:00–08:00) nothing is due.
		expect(await dueBoardNotices(db, new Date('2026-11-26T07:30:00+01:00'), reader.personId)).toEqual([]);
		const due = await dueBoardNotices(db, noon, reader.personId);
		expect(due).toEqual([{ personId: reader.personId, day: '2026-11-26', channel: 'email' }]);
		expect(await deliverBoardNotice(db, due[0]!, senders)).toBe('sent');
		expect(await deliverBoardNotice(db, due[0]!, senders)).toBe('already');
		expect(sent).toHaveLength(1);
		expect(JSON.stringify(sent)).not.toMatch(/Geheim|zwaar/);
		expect(sent[0]).toMatchObject({ about: 'board' });
		// Something newer the same day: still nothing until tomorrow.
		await writePost(db, writer, { text: 'Nog iets' });
		expect(await dueBoardNotices(db, new Date('2026-11-26T18:00:00+01:00'), reader.personId)).toEqual([]);
		const [claim] = await db
			.select()
			.from(boardNoticeSent)
			.where(eq(boardNoticeSent.personId, reader.personId));
		expect(claim).toMatchObject({ day: '2026-11-26', outcome: 'sent' });
	});

	it('is not due for who switched reminders off, who wrote it themselves, or who looked since', async () => {
		expect(await dueBoardNotices(db, noon, writer.personId)).toEqual([]);
		await db
			.update(reminderPreference)
			.set({ enabled: false })
			.where(eq(reminderPreference.personId, reader.personId));
		expect(await dueBoardNotices(db, new Date('2026-11-27T12:00:00+01:00'), reader.personId)).toEqual([]);
		await db
			.update(reminderPreference)
			.set({ enabled: true })
			.where(eq(reminderPreference.personId, reader.personId));
		expect(await dueBoardNotices(db, new Date('2026-11-27T12:00:00+01:00'), reader.personId)).toHaveLength(1);
		await ownBoard(db, reader, 0); // the visit
		expect(await dueBoardNotices(db, new Date('2026-11-27T12:00:00+01:00'), reader.personId)).toEqual([]);
	});

	it('two instances planning at once send it once (singleton key, then the claim)', async () => {
		const both = await buildPerson(db, { organisationId: anna.organisationId, role: 'participant' });
		await db.insert(groupMember).values({ groupId: noticeGroup.id, personId: both.personId });
		await db.insert(reminderPreference).values({ personId: both.personId, enabled: true, channel: 'push' });
		const delivered: unknown[] = [];
		const counting: Senders = {
			async email(to) {
				delivered.push(to);
			},
			async push(to) {
				delivered.push(to);
			}
		};
		const instances = [openDatabase(url, 4), openDatabase(url, 4)];
		// One after the other: pg-boss creating its queues from two instances at once may deadlock.
		const workers = [];
		for (const instance of instances)
			workers.push(
				await startReminderWorker({
					db: instance.db,
					pool: instance.pool,
					senders: counting,
					schedule: false,
					pollingIntervalSeconds: 0.5
				})
			);
		try {
			const at = new Date('2026-11-26T12:05:00+01:00');
			const planned = await Promise.all(workers.map((worker) => worker.planBoard(at, both.personId)));
			// Both usually find it due; on a busy machine one worker may already have sent and claimed it
			// before the other looks, and then that one finds nothing due. Either way: at least one, at most each.
			expect(planned.every((count) => count === 0 || count === 1)).toBe(true);
			expect(planned).toContain(1);
			// The singleton key keeps a second job out while the first waits; if a worker took the first
			// already, the claim stops the second. Until the jobs are done (no fixed wait), then: once.
			const deadline = Date.now() + 30_000;
			for (;;) {
				const open = await db.execute<{ n: number }>(
					sql`select count(*)::int as n from pgboss.job where name = ${BOARD_QUEUE}
					    and data->>'personId' = ${both.personId} and state < 'completed'`
				);
				if (open.rows[0]?.n === 0) break;
				if (Date.now() > deadline) throw new Error('the notice job did not finish');
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			expect(delivered).toEqual([{ personId: both.personId, locale: 'nl', about: 'board' }]);
			expect(
				await db.select().from(boardNoticeSent).where(eq(boardNoticeSent.personId, both.personId))
			).toEqual([expect.objectContaining({ day: '2026-11-26', outcome: 'sent' })]);
			// Planned again the same day: nothing is due.
			expect(await workers[0]!.planBoard(new Date('2026-11-26T15:00:00+01:00'), both.personId)).toBe(0);
		} finally {
			await Promise.all(workers.map((worker) => worker.stop()));
			await Promise.all(instances.map((instance) => instance.close()));
		}
	});
});
