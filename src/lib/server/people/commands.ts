import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/policy';
import type { Db, Tx } from '../db/client';
import { person } from '../db/schema';

/** Remembers the actor's own language choice, so it follows them to other devices. */
export async function setPreferredLocale(db: Db, actor: Actor, locale: 'nl' | 'en'): Promise<void> {
	await db.update(person).set({ preferredLocale: locale }).where(eq(person.id, actor.personId));
}

/** The language a person chose earlier, if any. */
export async function preferredLocaleOf(db: Db | Tx, personId: string): Promise<'nl' | 'en' | null> {
	const [row] = await db
		.select({ locale: person.preferredLocale })
		.from(person)
		.where(eq(person.id, personId));
	return row?.locale === 'nl' || row?.locale === 'en' ? row.locale : null;
}
