/**
 * The support network on real PostgreSQL: the participant adds, changes and takes out the people
 * around them, every write with its access-log row; nobody else reaches it (NotFound, a logged
 * refusal that names no participant); `networkOf` lets the participant and a trainer of their group
 * now read it, logged; the limit holds when adds race. And the demo participant's network and box.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/policy';
import { NETWORK_MAX } from '$lib/domain/toolbox';
import { buildGroup, buildOrganisation, buildPerson } from '../../../../../tests/helpers/builders';
import { createTestDatabase, TEST_SECRET } from '../../../../../tests/helpers/db';
import { loadActor } from '../../auth/actor';
import type { Db } from '../../db/client';
import { auditEvent, person, supportPerson, user } from '../../db/schema';
import { seedDemo } from '../../demo/seed';
import { Conflict, Invalid, NotFound } from '../../errors';
import { ownToolbox } from '../toolbox/queries';
import { addSupporter, changeSupporter, removeSupporter } from './commands';
import { networkOf, ownNetwork, ownSupporter } from './queries';

let db: Db;
let anna: Actor;
let bram: Actor;
let trainer: Actor;
let otherTrainer: Actor;
let coordinator: Actor;
let strangerTrainer: Actor;

beforeAll(async () => {
	db = (await createTestDatabase()).db;
	const org = await buildOrganisation(db);
	anna = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Anna' });
	bram = await buildPerson(db, { organisationId: org.id, role: 'participant', name: 'Bram' });
	trainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	otherTrainer = await buildPerson(db, { organisationId: org.id, role: 'trainer' });
	coordinator = await buildPerson(db, { organisationId: org.id, role: 'coordinator' });
	await buildGroup(db, { organisationId: org.id, trainers: [trainer], participants: [anna, bram] });
	await buildGroup(db, { organisationId: org.id, trainers: [otherTrainer] });
	const stranger = await buildOrganisation(db);
	strangerTrainer = await buildPerson(db, { organisationId: stranger.id, role: 'trainer' });
});

const rowsOf = async (actor: Actor, outcome: 'success' | 'failure') =>
	(
		await db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.actorPersonId, actor.personId), eq(auditEvent.outcome, outcome)))
	).map((row) => `${row.eventType} ${row.action} ${row.participantId} ${row.objectType}:${row.objectId}`);

describe("the participant's own network", () => {
	it('adds, changes and takes out people, closest first, each write logged', async () => {
		const kees = await addSupporter(db, anna, {
			name: ' Buurman Kees ',
			kinds: ['company', 'practical'],
			frequency: 'weekly'
		});
		const sister = await addSupporter(db, anna, { name: 'Mijn zus', kinds: ['talk'], frequency: 'daily' });
		const aunt = await addSupporter(db, anna, { name: 'Tante', kinds: ['crisis'], frequency: 'less' });
		expect((await ownNetwork(db, anna)).map((p) => [p.name, p.frequency, p.kinds])).toEqual([
			['Mijn zus', 'daily', ['talk']],
			['Buurman Kees', 'weekly', ['practical', 'company']],
			['Tante', 'less', ['crisis']]
		]);
		await changeSupporter(db, anna, aunt, {
			name: 'Tante Ria',
			kinds: ['crisis', 'talk'],
			frequency: 'monthly'
		});
		expect(await ownSupporter(db, anna, aunt)).toEqual({
			id: aunt,
			name: 'Tante Ria',
			kinds: ['talk', 'crisis'],
			frequency: 'monthly'
		});
		await removeSupporter(db, anna, kees);
		expect((await ownNetwork(db, anna)).map((p) => p.id)).toEqual([sister, aunt]);
		const events = (await rowsOf(anna, 'success')).filter((row) => row.includes('support_person'));
		expect(events).toEqual([
			`network.create C ${anna.personId} support_person:${kees}`,
			`network.create C ${anna.personId} support_person:${sister}`,
			`network.create C ${anna.personId} support_person:${aunt}`,
			`network.update U ${anna.personId} support_person:${aunt}`,
			`network.remove D ${anna.personId} support_person:${kees}`
		]);
	});

	it('refuses a missing name, no kind of support or an unknown frequency with a message', async () => {
		await expect(
			addSupporter(db, anna, { name: ' ', kinds: ['talk'], frequency: 'daily' })
		).rejects.toMatchObject({
			field: 'naam',
			messageKey: 'network_name_required'
		});
		await expect(
			addSupporter(db, anna, { name: 'Sam', kinds: [], frequency: 'daily' })
		).rejects.toMatchObject({
			field: 'steun',
			messageKey: 'network_kind_required'
		});
		await expect(
			// @ts-expect-error what a hostile caller might send
			addSupporter(db, anna, { name: 'Sam', kinds: ['talk'], frequency: 'yearly' })
		).rejects.toThrow(Invalid);
		await expect(
			addSupporter(db, anna, { name: 'Sam\u0000', kinds: ['talk'], frequency: 'daily' })
		).rejects.toMatchObject({ messageKey: 'invalid_characters' });
	});

	it('adds once for a form sent twice with the same key', async () => {
		const key = crypto.randomUUID();
		const input = { name: 'Oom Piet', kinds: ['practical' as const], frequency: 'monthly' as const, key };
		const [one, two] = await Promise.all([addSupporter(db, anna, input), addSupporter(db, anna, input)]);
		expect(one).toBe(two);
		expect(
			await db
				.select()
				.from(supportPerson)
				.where(and(eq(supportPerson.personId, anna.personId), eq(supportPerson.name, 'Oom Piet')))
		).toHaveLength(1);
	});
});

describe('who may reach a network', () => {
	it("gives another participant, staff and another organisation nothing of Anna's, with a logged refusal", async () => {
		const [someone] = await ownNetwork(db, anna);
		const id = someone!.id;
		for (const other of [bram, trainer, coordinator, strangerTrainer]) {
			await expect(ownSupporter(db, other, id)).rejects.toThrow(NotFound);
			await expect(
				changeSupporter(db, other, id, { name: 'Weg', kinds: ['talk'], frequency: 'less' })
			).rejects.toThrow(NotFound);
			await expect(removeSupporter(db, other, id)).rejects.toThrow(NotFound);
			const refusals = await rowsOf(other, 'failure');
			expect(refusals).toContain(`access.denied R null support_person:${id}`);
			expect(refusals).toContain(`access.denied U null support_person:${id}`);
			expect(refusals).toContain(`access.denied D null support_person:${id}`);
		}
		expect((await ownSupporter(db, anna, id)).name).toBe(someone!.name);
		for (const staff of [trainer, coordinator]) {
			await expect(ownNetwork(db, staff)).rejects.toThrow(NotFound);
			await expect(
				addSupporter(db, staff, { name: 'Iemand', kinds: ['talk'], frequency: 'daily' })
			).rejects.toThrow(NotFound);
			expect(await rowsOf(staff, 'failure')).toContain(`access.denied C null network:${staff.personId}`);
		}
	});

	it("lets Anna and her group's trainer read it through networkOf, each read logged; nobody else", async () => {
		expect((await networkOf(db, anna, anna.personId)).people.length).toBeGreaterThan(0);
		const read = await networkOf(db, trainer, anna.personId);
		expect(read.people.map((p) => p.name)).toContain('Mijn zus');
		expect(await rowsOf(trainer, 'success')).toContain(
			`network.read R ${anna.personId} network:${anna.personId}`
		);
		expect(await rowsOf(anna, 'success')).toContain(
			`network.read R ${anna.personId} network:${anna.personId}`
		);
		for (const other of [bram, otherTrainer, coordinator, strangerTrainer]) {
			await expect(networkOf(db, other, anna.personId)).rejects.toThrow(NotFound);
			expect(await rowsOf(other, 'failure')).toContain(`access.denied R null participant:${anna.personId}`);
		}
	});
});

describe('limits', () => {
	it(`keeps at most ${NETWORK_MAX} people, also when adds race`, async () => {
		const cara = await buildPerson(db, { organisationId: anna.organisationId, role: 'participant' });
		await db.insert(supportPerson).values(
			Array.from({ length: NETWORK_MAX - 2 }, (_, index) => ({
				personId: cara.personId,
				name: `Iemand ${index}`,
				kinds: ['talk' as const],
				frequency: 'less' as const
			}))
		);
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, (_, index) =>
				addSupporter(db, cara, { name: `Nog een ${index}`, kinds: ['company'], frequency: 'weekly' })
			)
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
		for (const result of results)
			if (result.status === 'rejected')
				expect(result.reason).toMatchObject({ constructor: Conflict, messageKey: 'network_full' });
		expect(await ownNetwork(db, cara)).toHaveLength(NETWORK_MAX);
	});
});

describe('the demo', () => {
	it('gives the first demo participant a rated toolbox and a network of three', async () => {
		await seedDemo(db, TEST_SECRET);
		const [row] = await db
			.select({ userId: person.userId })
			.from(person)
			.innerJoin(user, eq(user.id, person.userId))
			.where(eq(user.email, 'deelnemer1@demo.herstelpad.example'));
		const demo = (await loadActor(db, row!.userId!))!;
		const box = await ownToolbox(db, demo, 'nl');
		expect(box.length).toBeGreaterThanOrEqual(3);
		expect(box.filter((tool) => tool.rating !== null).length).toBeGreaterThanOrEqual(3);
		expect(box.some((tool) => tool.suggestionKey === null)).toBe(true);
		expect((await ownNetwork(db, demo)).map((p) => p.frequency)).toEqual(['daily', 'weekly', 'monthly']);
	});
});
