/**
 * The coping toolbox on real PostgreSQL: the participant fills their own box (a suggestion with one
 * tap, their own words, a rating, a change, taking one out), every write with its access-log row;
 * nobody else reads or writes it through the participant's pages (NotFound, a logged refusal that
 * names no participant); `toolboxOf` lets the participant and a trainer of their group now read it,
 * logged; the limits hold also when adds race; hostile text ends as Invalid, never stored.
 */
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { OWN_TOOLS_MAX } from '$lib/domain/toolbox';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase } from '../../../../../tests/helpers/db';
import { accessLogOfParticipant } from '../../audit/queries';
import type { Db } from '../../db/client';
import { auditEvent, copingTool, groupMember } from '../../db/schema';
import { Conflict, Invalid, NotFound } from '../../errors';
import { addOwnTool, addSuggestion, changeOwnTool, rateTool, removeTool } from './commands';
import { ownTool, ownToolbox, suggestionsFor, toolboxOf } from './queries';

let db: Db;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let coordinator: Actor;
let strangerParticipant: Actor;
let strangerTrainer: Actor;
let otherGroupId: string;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	otherGroupId = (await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] })).id;
	const stranger = await buildOrganisation(db);
	strangerParticipant = await buildPerson(db, { organisationId: stranger.id, role: 'participant' });
	strangerTrainer = await buildPerson(db, { organisationId: stranger.id, role: 'trainer' });
	await buildGroup(db, {
		organisationId: stranger.id,
		trainers: [strangerTrainer],
		participants: [strangerParticipant]
	});
});

const rowsOf = async (actor: Actor, outcome: 'success' | 'failure') =>
	(
		await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.outcome, outcome)))
	).map((row) => ({
		event: row.eventType,
		action: row.action,
		participant: row.participantId,
		object: `${row.objectType}:${row.objectId}`
	}));

describe("the participant's own box", () => {
	it('takes a suggestion with one tap, once however often it is tapped, and logs the add', async () => {
		const first = await addSuggestion(db, anna, { suggestionKey: 'wandelen' });
		const again = await addSuggestion(db, anna, { suggestionKey: 'wandelen' });
		expect(first.added).toBe(true);
		expect(again).toEqual({ id: first.id, added: false });
		const logged = (await rowsOf(anna, 'success')).filter((row) => row.object === `coping_tool:${first.id}`);
		expect(logged).toEqual([
			{ event: 'toolbox.create', action: 'C', participant: anna.personId, object: `coping_tool:${first.id}` }
		]);
		const ideas = await suggestionsFor(db, anna, 'nl');
		expect(ideas.find((idea) => idea.key === 'wandelen')).toMatchObject({
			title: 'Een stukje wandelen',
			toolId: first.id
		});
		expect(ideas.filter((idea) => idea.toolId !== null)).toHaveLength(1);
		await expect(addSuggestion(db, anna, { suggestionKey: 'bestaat-niet' })).rejects.toThrow(Invalid);
	});

	it('keeps own words, rates, changes and takes out, each logged; best rated first, in the reader’s language', async () => {
		const breathe = (await addSuggestion(db, anna, { suggestionKey: 'rustig-ademen' })).id;
		const cat = await addOwnTool(db, anna, { text: '  Mijn kat aaien ' });
		await rateTool(db, anna, cat, 5);
		await rateTool(db, anna, breathe, 2);
		await changeOwnTool(db, anna, cat, { text: 'Mijn kat Minoes aaien' });
		const box = await ownToolbox(db, anna, 'en');
		expect(box.map((tool) => [tool.title, tool.rating, tool.text !== null])).toEqual([
			['Mijn kat Minoes aaien', 5, false],
			['Breathe slowly', 2, true],
			['Go for a short walk', null, true]
		]);
		expect((await ownTool(db, anna, breathe, 'nl')).text).toMatch(/^Adem langzaam in/);
		// A suggestion keeps its words.
		await expect(changeOwnTool(db, anna, breathe, { text: 'Anders' })).rejects.toThrow(Conflict);
		await removeTool(db, anna, breathe);
		expect((await ownToolbox(db, anna, 'nl')).map((tool) => tool.id)).not.toContain(breathe);
		const events = (await rowsOf(anna, 'success')).filter((row) =>
			[`coping_tool:${cat}`, `coping_tool:${breathe}`].includes(row.object)
		);
		expect(events.map((row) => `${row.event} ${row.action}`)).toEqual([
			'toolbox.create C',
			'toolbox.create C',
			'toolbox.update U',
			'toolbox.update U',
			'toolbox.update U',
			'toolbox.remove D'
		]);
		expect(events.every((row) => row.participant === anna.personId)).toBe(true);
	});

	it('adds once for a form sent twice with the same key', async () => {
		const key = crypto.randomUUID();
		const [one, two] = await Promise.all([
			addOwnTool(db, anna, { text: 'Thee zetten', key }),
			addOwnTool(db, anna, { text: 'Thee zetten', key })
		]);
		expect(one).toBe(two);
		const stored = await db
			.select()
			.from(copingTool)
			.where(and(eq(copingTool.personId, anna.personId), eq(copingTool.ownText, 'Thee zetten')));
		expect(stored).toHaveLength(1);
	});

	it('refuses empty, too long and hostile own words with a message, and stores none of them', async () => {
		await expect(addOwnTool(db, anna, { text: '   ' })).rejects.toMatchObject({
			field: 'tekst',
			messageKey: 'toolbox_text_required'
		});
		await expect(addOwnTool(db, anna, { text: 'x'.repeat(121) })).rejects.toMatchObject({
			messageKey: 'too_long'
		});
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string({ unit: 'binary', maxLength: 40 }),
					fc.constantFrom('a\u0000b', '\uD800', 'a\u202Eb', 'a\nb', 'x'.repeat(10_000))
				),
				async (text) => {
					try {
						const id = await addOwnTool(db, bram, { text });
						const [row] = await db.select().from(copingTool).where(eq(copingTool.id, id));
						// eslint-disable-next-line no-control-regex -- what must never be stored
						expect(row?.ownText).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
						await removeTool(db, bram, id);
					} catch (thrown) {
						expect(thrown).toBeInstanceOf(Invalid);
					}
				}
			),
			{ numRuns: 40 }
		);
	});
});

describe('who may reach a box', () => {
	let tool: string;
	beforeAll(async () => {
		tool = await addOwnTool(db, anna, { text: 'Naar de markt' });
	});

	it("gives another participant, staff and another organisation nothing of Anna's tools, with a logged refusal", async () => {
		for (const someone of [bram, strangerParticipant, trainer, strangerTrainer, coordinator]) {
			await expect(ownTool(db, someone, tool, 'nl')).rejects.toThrow(NotFound);
			await expect(rateTool(db, someone, tool, 1)).rejects.toThrow(NotFound);
			await expect(changeOwnTool(db, someone, tool, { text: 'Weg' })).rejects.toThrow(NotFound);
			await expect(removeTool(db, someone, tool)).rejects.toThrow(NotFound);
			const refusals = await rowsOf(someone, 'failure');
			expect(refusals).toContainEqual({
				event: 'access.denied',
				action: 'U',
				participant: null,
				object: `coping_tool:${tool}`
			});
			expect(refusals).toContainEqual({
				event: 'access.denied',
				action: 'D',
				participant: null,
				object: `coping_tool:${tool}`
			});
		}
		const [stored] = await db.select().from(copingTool).where(eq(copingTool.id, tool));
		expect(stored).toMatchObject({ ownText: 'Naar de markt', rating: null });
		// A malformed id is a refusal too, and the log keeps none of what was sent.
		await expect(rateTool(db, anna, "1' or '1'='1", 3)).rejects.toThrow(NotFound);
		expect(await rowsOf(anna, 'failure')).toContainEqual({
			event: 'access.denied',
			action: 'U',
			participant: null,
			object: 'coping_tool:malformed'
		});
	});

	it('keeps staff out of the participant pages: they keep no box of their own', async () => {
		for (const staff of [trainer, coordinator]) {
			await expect(ownToolbox(db, staff, 'nl')).rejects.toThrow(NotFound);
			await expect(addSuggestion(db, staff, { suggestionKey: 'muziek' })).rejects.toThrow(NotFound);
			await expect(addOwnTool(db, staff, { text: 'Iets' })).rejects.toThrow(NotFound);
			expect(await rowsOf(staff, 'failure')).toContainEqual({
				event: 'access.denied',
				action: 'C',
				participant: null,
				object: `toolbox:${staff.personId}`
			});
		}
	});

	it("lets Anna and her group's trainer read it through toolboxOf, each read logged; nobody else", async () => {
		const own = await toolboxOf(db, anna, anna.personId, 'nl');
		expect(own.tools.map((item) => item.id)).toContain(tool);
		const read = await toolboxOf(db, trainer, anna.personId, 'nl');
		expect(read).toMatchObject({ participantId: anna.personId, participantName: 'Anna' });
		expect(read.tools.map((item) => item.title)).toContain('Naar de markt');
		expect(await rowsOf(trainer, 'success')).toContainEqual({
			event: 'toolbox.read',
			action: 'R',
			participant: anna.personId,
			object: `toolbox:${anna.personId}`
		});
		for (const someone of [bram, otherTrainer, coordinator, strangerTrainer, strangerParticipant]) {
			await expect(toolboxOf(db, someone, anna.personId, 'nl')).rejects.toThrow(NotFound);
			expect(await rowsOf(someone, 'failure')).toContainEqual({
				event: 'access.denied',
				action: 'R',
				participant: null,
				object: `participant:${anna.personId}`
			});
		}
		// Anna sees the trainer's read in her own log, and not her own work in her box.
		const log = await accessLogOfParticipant(db, anna, { page: 0, pageSize: 50 });
		expect(log.rows.map((row) => row.eventType)).toContain('toolbox.read');
		expect(log.rows.filter((row) => row.eventType === 'toolbox.create')).toEqual([]);
	});

	it("follows Anna's group: after a move her old trainer reads nothing, the new one does", async () => {
		await db.update(groupMember).set({ leftAt: new Date() }).where(eq(groupMember.personId, anna.personId));
		await db.insert(groupMember).values({ groupId: otherGroupId, personId: anna.personId });
		await expect(toolboxOf(db, trainer, anna.personId, 'nl')).rejects.toThrow(NotFound);
		expect((await toolboxOf(db, otherTrainer, anna.personId, 'nl')).tools.length).toBeGreaterThan(0);
		// Her own box goes with her.
		expect((await ownToolbox(db, anna, 'nl')).map((item) => item.id)).toContain(tool);
	});
});

describe('limits', () => {
	it(`keeps at most ${OWN_TOOLS_MAX} ways of one's own, also when adds race`, async () => {
		const cara = await buildPerson(db, { organisationId: anna.organisationId, role: 'participant' });
		await db.insert(copingTool).values(
			Array.from({ length: OWN_TOOLS_MAX - 2 }, (_, index) => ({
				personId: cara.personId,
				ownText: `Manier ${index}`
			}))
		);
		// Suggestions do not count towards the limit.
		await addSuggestion(db, cara, { suggestionKey: 'muziek' });
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, (_, index) => addOwnTool(db, cara, { text: `Nog een ${index}` }))
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
		for (const result of results)
			if (result.status === 'rejected')
				expect(result.reason).toMatchObject({ constructor: Conflict, messageKey: 'toolbox_full' });
		const own = (await ownToolbox(db, cara, 'nl')).filter((tool) => tool.suggestionKey === null);
		expect(own).toHaveLength(OWN_TOOLS_MAX);
	});
});
