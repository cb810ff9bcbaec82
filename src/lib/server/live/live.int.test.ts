/**
 * Live mode on real PostgreSQL: the state machine (prompts, start, open, answer, change, reveal,
 * approve, hide, end), who may do what (another group's and another organisation's people get
 * nothing), anonymity, the three-answers rule, form keys, and the streams: NOTIFY carries ids only,
 * and a stream that reconnects with Last-Event-ID gets the state once, only when it changed.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { buildGroup, buildOrganisation, buildPerson, buildSession } from '../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../tests/helpers/db';
import { listenForCacheChanges } from '../auth/session-cache';
import type { Database, Db } from '../db/client';
import { auditEvent, boardPost, liveAnswer, livePrompt } from '../db/schema';
import { Conflict, NotFound } from '../errors';
import {
	addPrompt,
	answerPrompt,
	keepOnBoard,
	moderateAnswer,
	startLive,
	stepLive,
	wallAsText,
	type PromptStep
} from './commands';
import { LiveHub } from './hub';
import { liveForParticipant, liveForTrainer, liveParticipants } from './queries';
import { LIVE_CHANNEL } from './stream';
import { groupLiveView, type LiveView } from './view';

let database: Database & { url: string };
let db: Db;
let trainer: Actor;
let people: Actor[];
let otherTrainer: Actor;
let otherParticipant: Actor;
let foreignTrainer: Actor;
let groupId: string;
let sessionId: string;
let otherSessionId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	const org = await buildOrganisation(db);
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	people = [];
	for (const name of ['Anna Live', 'Bram Live', 'Cem Live', 'Dana Live'])
		people.push(await buildPerson(db, { organisationId: org.id, role: 'participant', name }));
	const group = await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: people });
	groupId = group.id;
	sessionId = (await buildSession(db, { groupId, date: '2026-12-03', moduleNumber: 1 })).id;
	otherSessionId = (await buildSession(db, { groupId, date: '2026-12-10', moduleNumber: 2 })).id;
	// Another group of the same organisation, and another organisation.
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherParticipant = await buildPerson(db, { organisationId: org.id, role: 'participant' });
	await buildGroup(db, {
		organisationId: org.id,
		trainers: [otherTrainer],
		participants: [otherParticipant]
	});
	const foreign = await buildOrganisation(db);
	foreignTrainer = await buildPerson(db, { organisationId: foreign.id, role: 'trainer' });
	await buildGroup(db, { organisationId: foreign.id, trainers: [foreignTrainer] });
});

afterAll(async () => {
	await database.close();
});

const someone = (index: number) => () => {
	const found = people[index];
	if (!found) throw new Error(`no participant ${index}`);
	return found;
};
const [anna, bram, cem] = [someone(0), someone(1), someone(2)];

/** A step as the trainer's page sends it: naming the question it shows as current. */
async function seen(kind: 'next' | 'close' | 'reveal'): Promise<PromptStep> {
	const { view } = await groupLiveView(db, groupId, 'trainer');
	return { kind, seen: view.prompt?.id ?? null };
}

async function currentPromptId(): Promise<string> {
	const { view } = await groupLiveView(db, groupId, 'trainer');
	if (!view.prompt) throw new Error('no prompt open');
	return view.prompt.id;
}

describe('live mode', () => {
	it('runs a round: prepared and own prompts, answers, the three-answers rule, reveal, end', async () => {
		const own = { source: 'own' as const, anonymous: true, approveFirst: false };
		await addPrompt(db, trainer, groupId, sessionId, {
			...own,
			anonymous: false,
			kind: 'scale',
			text: 'Hoe gaat het?',
			choices: []
		});
		await addPrompt(db, trainer, groupId, sessionId, {
			source: 'prepared',
			key: '1/2',
			anonymous: false,
			approveFirst: true
		});
		const page = await liveForTrainer(db, trainer, groupId, sessionId);
		expect(page.prompts.map((prompt) => prompt.kind)).toEqual(['scale', 'open']);
		// Module 1 has three prepared prompts; the one added is no longer suggested.
		expect(page.suggestions.map((prompt) => prompt.key)).toEqual(['1/1', '1/3']);
		expect(page.running).toBe(false);

		await startLive(db, trainer, groupId, sessionId);
		await startLive(db, trainer, groupId, sessionId); // again: nothing changes
		await expect(startLive(db, trainer, groupId, otherSessionId)).rejects.toThrow(Conflict);
		await stepLive(db, trainer, groupId, sessionId, await seen('next'));
		const scale = await currentPromptId();

		await answerPrompt(db, anna(), scale, { choice: 4 });
		await answerPrompt(db, bram(), scale, { choice: 2 });
		let group = (await groupLiveView(db, groupId, 'group')).view;
		expect(group.prompt?.answerCount).toBe(2);
		expect(group.prompt?.results).toBeNull(); // not revealed
		await stepLive(db, trainer, groupId, sessionId, await seen('reveal'));
		group = (await groupLiveView(db, groupId, 'group')).view;
		expect(group.prompt?.results).toEqual({ kind: 'too_few', needed: 3 });
		await answerPrompt(db, cem(), scale, { choice: 4 });
		await answerPrompt(db, anna(), scale, { choice: 5 }); // changed while open: still one answer
		group = (await groupLiveView(db, groupId, 'group')).view;
		expect(group.prompt?.results).toEqual({ kind: 'counts', counts: [0, 1, 0, 1, 1] });
		await expect(answerPrompt(db, anna(), scale, { choice: 9 })).rejects.toThrow('keuze');

		// The next prompt: named, approve first.
		await stepLive(db, trainer, groupId, sessionId, await seen('next'));
		await expect(answerPrompt(db, anna(), scale, { choice: 3 })).rejects.toThrow(Conflict);
		const open = await currentPromptId();
		await answerPrompt(db, anna(), open, { text: 'Weer zin in de dag' });
		await answerPrompt(db, bram(), open, { text: 'Niet opgeven' });
		await stepLive(db, trainer, groupId, sessionId, await seen('reveal'));
		const before = (await groupLiveView(db, groupId, 'group')).view;
		expect(before.prompt?.results).toEqual({ kind: 'cards', cards: [] }); // nothing approved yet
		const trainerView = (await groupLiveView(db, groupId, 'trainer')).view;
		const annaAnswer = trainerView.moderation?.find((answer) => answer.text === 'Weer zin in de dag');
		const bramAnswer = trainerView.moderation?.find((answer) => answer.text === 'Niet opgeven');
		if (!annaAnswer || !bramAnswer) throw new Error('answers missing');
		await moderateAnswer(db, trainer, groupId, sessionId, annaAnswer.id, 'approve', annaAnswer.version);
		await moderateAnswer(db, trainer, groupId, sessionId, bramAnswer.id, 'approve', bramAnswer.version);
		await moderateAnswer(db, trainer, groupId, sessionId, bramAnswer.id, 'hide');
		const after = (await groupLiveView(db, groupId, 'group')).view;
		expect(after.prompt?.results).toEqual({
			kind: 'cards',
			cards: [{ id: annaAnswer.id, text: 'Weer zin in de dag', name: 'Anna Live' }]
		});
		// Bram sees on his phone that his answer was not put on the screen.
		expect((await liveForParticipant(db, bram())).own).toMatchObject({ hidden: true });
		// A changed open answer waits for approval again, and an approval of the text read before does not
		// let the new one through.
		await answerPrompt(db, anna(), open, { text: 'Elke dag een stap' });
		expect((await groupLiveView(db, groupId, 'group')).view.prompt?.results).toEqual({
			kind: 'cards',
			cards: []
		});
		await expect(
			moderateAnswer(db, trainer, groupId, sessionId, annaAnswer.id, 'approve', annaAnswer.version)
		).rejects.toThrow(Conflict);
		// A step based on a question that is no longer current (a double tap, a co-trainer) is refused.
		await expect(stepLive(db, trainer, groupId, sessionId, { kind: 'next', seen: scale })).rejects.toThrow(
			'live_changed'
		);

		await expect(stepLive(db, trainer, groupId, sessionId, await seen('next'))).rejects.toThrow(Conflict);
		await stepLive(db, trainer, groupId, sessionId, { kind: 'end' });
		expect((await groupLiveView(db, groupId, 'group')).view.roundId).toBeNull();
		await expect(answerPrompt(db, cem(), open, { text: 'Te laat' })).rejects.toThrow(NotFound);
		expect((await liveParticipants(db, sessionId)).map((person) => person.displayName)).toEqual([
			'Anna Live',
			'Bram Live',
			'Cem Live'
		]);
	});

	it('gives another group and another organisation nothing, and logs each refusal', async () => {
		await addPrompt(db, trainer, groupId, otherSessionId, {
			source: 'own',
			kind: 'open',
			text: 'Alleen voor deze groep',
			choices: [],
			anonymous: true,
			approveFirst: false
		});
		await startLive(db, trainer, groupId, otherSessionId);
		await stepLive(db, trainer, groupId, otherSessionId, await seen('next'));
		const prompt = await currentPromptId();
		for (const outsider of [otherTrainer, foreignTrainer]) {
			await expect(liveForTrainer(db, outsider, groupId, otherSessionId)).rejects.toThrow(NotFound);
			await expect(stepLive(db, outsider, groupId, otherSessionId, { kind: 'end' })).rejects.toThrow(
				NotFound
			);
		}
		await expect(answerPrompt(db, otherParticipant, prompt, { text: 'Binnengedrongen' })).rejects.toThrow(
			NotFound
		);
		expect((await liveForParticipant(db, otherParticipant)).view?.roundId).toBeNull();
		await expect(answerPrompt(db, trainer, prompt, { text: 'Als trainer' })).rejects.toThrow(NotFound);
		const refusals = await db
			.select({ id: auditEvent.id })
			.from(auditEvent)
			.where(
				and(eq(auditEvent.eventType, 'access.denied'), eq(auditEvent.actorPersonId, foreignTrainer.personId))
			);
		expect(refusals.length).toBeGreaterThanOrEqual(2);
		// The other group's participant asked for a prompt that is not their group's: logged too.
		const [refused] = await db
			.select({ objectType: auditEvent.objectType, objectId: auditEvent.objectId })
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.eventType, 'access.denied'),
					eq(auditEvent.actorPersonId, otherParticipant.personId)
				)
			);
		expect(refused).toEqual({ objectType: 'live_prompt', objectId: prompt });
		const stored = await db.select().from(liveAnswer).where(eq(liveAnswer.promptId, prompt));
		expect(stored).toEqual([]);
	});

	it('keeps an anonymous answer free of its author in every view, and a resend adds nothing', async () => {
		const prompt = await currentPromptId();
		const key = randomUUID();
		await answerPrompt(db, cem(), prompt, { text: 'Mijn geheim' }, key);
		await answerPrompt(db, cem(), prompt, { text: 'Mijn geheim' }, key);
		const rows = await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.eventType, 'live.answer'), eq(auditEvent.actorPersonId, cem().personId)));
		const forThisPrompt = rows.filter((row) => row.objectId === prompt);
		expect(forThisPrompt).toHaveLength(1);
		await stepLive(db, trainer, groupId, otherSessionId, await seen('reveal'));
		for (const audience of ['group', 'trainer'] as const) {
			const text = JSON.stringify((await groupLiveView(db, groupId, audience)).view);
			expect(text).toContain('Mijn geheim');
			expect(text).not.toContain(cem().personId);
			expect(text).not.toContain('Cem Live');
		}
		const participant = JSON.stringify(await liveForParticipant(db, anna()));
		expect(participant).not.toContain(cem().personId);
		expect(participant).not.toContain('Cem Live');
		const [{ anonymous } = { anonymous: false }] = await db
			.select({ anonymous: livePrompt.anonymous })
			.from(livePrompt)
			.where(eq(livePrompt.id, prompt));
		expect(anonymous).toBe(true);
	});

	it('streams ids over NOTIFY; a reconnect gets the state once, and only when it changed', async () => {
		const hub = new LiveHub();
		const heard: string[] = [];
		// A notification sent before the LISTEN is in place reaches nobody: wait until it is.
		let listening = () => {};
		const connected = new Promise<void>((resolve) => (listening = resolve));
		const stop = listenForCacheChanges(
			database.url,
			[],
			[
				{
					name: LIVE_CHANNEL,
					onMessage: (payload) => (heard.push(payload), hub.notify(payload)),
					onConnect: () => listening()
				}
			]
		);
		try {
			await connected;
			const { view: now } = await groupLiveView(db, groupId, 'group');
			const received: LiveView[] = [];
			let ended = 0;
			// A stream that reconnects with the newest event id: nothing is sent again.
			const unsubscribe = hub.subscribe(db, groupId, {
				audience: 'group',
				lastSent: now.eventId,
				send: (view) => received.push(view),
				end: () => ended++
			});
			// One that slept and missed events: the current state, once.
			const late: LiveView[] = [];
			const unsubscribeLate = hub.subscribe(db, groupId, {
				audience: 'group',
				lastSent: now.eventId - 3,
				send: (view) => late.push(view),
				end: () => ended++
			});
			await expect.poll(() => late.length, { timeout: 15_000 }).toBe(1);
			expect(late[0]?.eventId).toBe(now.eventId);
			expect(received).toEqual([]);

			await answerPrompt(db, anna(), await currentPromptId(), { text: 'Nog een' });
			await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
			expect(received[0]?.eventId).toBeGreaterThan(now.eventId);
			expect(received[0]?.prompt?.answerCount).toBe(2);
			// The notification names the group and the event, nothing else.
			expect(heard.at(-1)).toMatch(new RegExp(`^${groupId}:\\d+$`));
			expect(late).toHaveLength(2);
			// An instance that stops ends its streams at once (their browsers reconnect elsewhere).
			hub.endAll();
			expect(ended).toBe(2);
			unsubscribe();
			unsubscribeLate();
			expect(hub.size).toBe(0);
		} finally {
			await stop();
		}
	});

	it('keeps what the wall showed as a board post, once, without the names of an anonymous prompt', async () => {
		const prompt = await currentPromptId();
		await keepOnBoard(db, trainer, groupId, otherSessionId, prompt, 'nl');
		await expect(keepOnBoard(db, trainer, groupId, otherSessionId, prompt, 'nl')).rejects.toThrow(Conflict);
		await expect(keepOnBoard(db, otherTrainer, groupId, otherSessionId, prompt, 'nl')).rejects.toThrow(
			NotFound
		);
		const [kept] = await db.select().from(livePrompt).where(eq(livePrompt.id, prompt));
		const [post] = await db
			.select()
			.from(boardPost)
			.where(eq(boardPost.id, kept?.keptPostId ?? ''));
		expect(post).toMatchObject({ groupId, kind: 'live_wall', authorPersonId: trainer.personId });
		expect(post?.body).toContain('Alleen voor deze groep');
		expect(post?.body).toContain('- Mijn geheim');
		for (const person of people) expect(post?.body).not.toContain(person.displayName);
	});

	it("fits a long wall within the board's length, saying how many answers did not fit", () => {
		const cards = Array.from({ length: 40 }, (_, index) => ({
			id: String(index),
			text: `antwoord ${index} `.padEnd(60, 'x'),
			name: null
		}));
		const text = wallAsText(
			{ kind: 'open', text: { nl: 'Vraag?', en: 'Question?' }, choices: [] },
			{ kind: 'cards', cards },
			'nl'
		);
		expect(text.length).toBeLessThanOrEqual(1000);
		expect(text).toMatch(/\n- … \+\d+$/);
		expect(
			wallAsText(
				{ kind: 'scale', text: { nl: 'Hoe?', en: 'How?' }, choices: [] },
				{ kind: 'counts', counts: [0, 1, 2, 0, 3] },
				'en'
			)
		).toBe('How?\n- 1: 0×\n- 2: 1×\n- 3: 2×\n- 4: 0×\n- 5: 3×');
	});

	it('stops an anonymous poll taking answers when its results go on the wall', async () => {
		await addPrompt(db, trainer, groupId, otherSessionId, {
			source: 'own',
			kind: 'choice',
			text: 'Thee of koffie?',
			choices: ['Thee', 'Koffie'],
			anonymous: true,
			approveFirst: false
		});
		const page = await liveForTrainer(db, trainer, groupId, otherSessionId);
		const poll = page.prompts.find((prompt) => prompt.text.nl === 'Thee of koffie?');
		if (!poll) throw new Error('poll missing');
		await stepLive(db, trainer, groupId, otherSessionId, { kind: 'open', promptId: poll.id });
		for (const [index, who] of [anna, bram, cem].entries())
			await answerPrompt(db, who(), poll.id, { choice: index % 2 });
		await stepLive(db, trainer, groupId, otherSessionId, await seen('reveal'));
		const { view } = await groupLiveView(db, groupId, 'group');
		expect(view.prompt).toMatchObject({
			status: 'closed',
			revealed: true,
			results: { kind: 'counts', counts: [2, 1] }
		});
		await expect(answerPrompt(db, anna(), poll.id, { choice: 1 })).rejects.toThrow(Conflict);
	});
});
