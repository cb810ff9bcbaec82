/**
 * Short-lived, per-process caches, and the LISTEN connection that keeps every app instance's caches
 * true. The session query is the one database round trip every signed-in request makes; the
 * participant's group and home page are read on every visit. Entries live at most a few seconds,
 * and the database tells every instance at once when what they hold changes, so sign-out,
 * deactivation and a proven second factor take effect everywhere without waiting. While the
 * notification channel is down, nothing is cached.
 *
 * Invalidation rides on database triggers (hand-written migrations; the channel's name since
 * migration 0023): each notifies the channel `herstelpad_cache` (CACHE_CHANNEL) when its table
 * changes, after the transaction commits (PostgreSQL delivers NOTIFY on commit, never on rollback).
 *
 * | table (trigger, migration)                                   | payload              | dropped                                   |
 * | ------------------------------------------------------------ | -------------------- | ----------------------------------------- |
 * | session (row update/delete, 0007)                            | session:<token hash> | sessionCache: that session                |
 * | person (row update/delete, 0007)                             | user:<user id>       | sessionCache: that user's sessions;       |
 * |                                                              |                      | participantGroupCache, overviewCache: all |
 * | organisation (update/delete, 0007)                           | all                  | all three caches: everything              |
 * | course_group, group_member, group_trainer (0008),            | groups               | all three caches: everything              |
 * | group_module, group_hidden_step, group_course, group_item    |                      |                                           |
 * | (0012), group_session, home_practice (0017)                  |                      |                                           |
 * | recovery_goal, goal_step, check_in, step_progress (0012),    | person:<person id>   | overviewCache: that person                |
 * | message, message_read (0015), starter_lesson_done,           |                      |                                           |
 * | digital_intake (0016), home_practice_answer, tour_seen (0017)|                      |                                           |
 *
 * The caches: `sessionCache` (auth/session.ts, SessionCache), `participantGroupCache`
 * (groups/queries.ts, RarelyChangingCache), `overviewCache` (goals/overview-cache.ts, PersonCache).
 * A command may also drop an entry in its own instance after its commit, so its own redirect reads
 * the new state before the notification arrives; never before the commit (a read in between would
 * cache the old state again).
 */
import pg from 'pg';
import { logger } from '../log';

const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
/** The LISTEN channel of every cache-invalidation trigger (migration 0023; `herstelpad_auth` before). */
export const CACHE_CHANNEL = 'herstelpad_cache';

interface Entry<Row> {
	row: Row;
	userId: string;
	at: number;
}

/** What the LISTEN connection drives: evict on a message, and caching only while it is up. */
export interface NotifiedCache {
	active: boolean;
	evict(message: string): void;
	clear(): void;
}

/** A load under way (see `shared`); `stale` once a change to what it reads was heard of. */
interface Flight {
	promise: Promise<unknown>;
	stale: boolean;
}

export class SessionCache<Row> implements NotifiedCache {
	private entries = new Map<string, Entry<Row>>();
	/** Loads running now, by flight key: the cache key, or the cache key, a colon and a variant. */
	private flights = new Map<string, Flight>();
	/** Only while the LISTEN connection is up: otherwise a change elsewhere could go unnoticed. */
	active = false;

	get(key: string, now = Date.now()): Row | undefined {
		if (!this.active) return undefined;
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (now - entry.at > TTL_MS) {
			this.entries.delete(key);
			return undefined;
		}
		return entry.row;
	}

	set(key: string, userId: string, row: Row, now = Date.now()): void {
		if (!this.active) return;
		if (this.entries.size >= MAX_ENTRIES) {
			const oldest = this.entries.keys().next().value;
			if (oldest !== undefined) this.entries.delete(oldest);
		}
		this.entries.set(key, { row, userId, at: now });
	}

	/** Changes the row of an entry that is still cached (and live); never brings back one that was evicted. */
	replace(key: string, row: Row, now = Date.now()): void {
		const entry = this.entries.get(key);
		if (entry && this.get(key, now) !== undefined) entry.row = row;
	}

	/**
	 * Runs `load` once per flight key at a time: every request that misses while it runs waits for
	 * the same result, so an entry that expires under load costs one query, not one per waiting
	 * request. `keep` stores the result, unless a change to that key was heard of while the load
	 * ran (the result may then be stale: it is used for the requests that asked, not cached, and
	 * requests arriving after the change start a load of their own).
	 */
	shared<T>(flightKey: string, load: () => Promise<T>, keep: (value: T) => void): Promise<T> {
		const running = this.flights.get(flightKey);
		if (running) return running.promise as Promise<T>;
		const flight: Flight = { promise: Promise.resolve(), stale: false };
		const done = () => {
			if (this.flights.get(flightKey) === flight) this.flights.delete(flightKey);
		};
		const promise = load().then(
			(value) => {
				done();
				if (!flight.stale) keep(value);
				return value;
			},
			(error: unknown) => {
				done();
				throw error;
			}
		);
		flight.promise = promise;
		this.flights.set(flightKey, flight);
		return promise;
	}

	/** Applies a notification: "session:<token hash>", "user:<user id>" or "all". */
	evict(message: string): void {
		if (message.startsWith('person:')) return; // a participant's own data, not their session
		if (message.startsWith('session:')) {
			this.delete(message.slice('session:'.length));
		} else if (message.startsWith('user:')) {
			const userId = message.slice('user:'.length);
			// Which user a load under way reads is not known before it ends: none of them is kept.
			this.abandonFlights(() => true);
			for (const [key, entry] of this.entries) if (entry.userId === userId) this.entries.delete(key);
		} else {
			this.clear();
		}
	}

	clear(): void {
		this.abandonFlights(() => true);
		this.entries.clear();
	}

	delete(key: string): void {
		this.abandonFlights((flightKey) => flightKey === key || flightKey.startsWith(`${key}:`));
		this.entries.delete(key);
	}

	/** Loads under way that may have read what just changed: not kept, and new requests start their own. */
	private abandonFlights(matches: (flightKey: string) => boolean): void {
		for (const [flightKey, flight] of this.flights) {
			if (!matches(flightKey)) continue;
			flight.stale = true;
			this.flights.delete(flightKey);
		}
	}
}

/**
 * A cache for data that changes rarely and is read on every page (a participant's group and
 * trainers): any change other than a single session clears it whole.
 */
export class RarelyChangingCache<Row> extends SessionCache<Row> {
	override evict(message: string): void {
		if (!message.startsWith('session:') && !message.startsWith('person:')) this.clear();
	}
}

/**
 * A cache of one person's page data (the participant home page), keyed by person id: a
 * "person:<id>" notification evicts that person; changes to groups or courses clear it whole.
 */
export class PersonCache<Row> extends SessionCache<Row> {
	override evict(message: string): void {
		if (message.startsWith('person:')) this.delete(message.slice('person:'.length));
		else if (!message.startsWith('session:')) this.clear();
	}
}

/** Another channel on the same LISTEN connection (live mode's): its messages, and each (re)connect. */
export interface ListenedChannel {
	name: string;
	onMessage(payload: string): void;
	/** After the connection came (back): what was sent meanwhile was not heard. */
	onConnect(): void;
}

/**
 * Keeps the instance's one LISTEN connection, for `caches` and any other `channels`, reconnecting
 * after errors; returns a function that stops it. The caches are active only while it is up.
 */
export function listenForCacheChanges(
	url: string,
	caches: NotifiedCache[],
	channels: ListenedChannel[] = []
): () => Promise<void> {
	let client: pg.Client | null = null;
	let stopped = false;
	const connect = async (): Promise<void> => {
		while (!stopped) {
			const next = new pg.Client({ connectionString: url });
			try {
				next.on('notification', (message) => {
					const channel = channels.find((candidate) => candidate.name === message.channel);
					if (channel) channel.onMessage(message.payload ?? '');
					else for (const cache of caches) cache.evict(message.payload ?? 'all');
				});
				let lost = false;
				next.on('error', () => {
					// A dying connection may report more than one error: reconnect once.
					if (lost) return;
					lost = true;
					for (const cache of caches) {
						cache.active = false;
						cache.clear();
					}
					void next.end().catch(() => undefined);
					if (!stopped) setTimeout(() => void connect(), 1_000);
				});
				await next.connect();
				await next.query(`LISTEN ${CACHE_CHANNEL}`);
				for (const channel of channels) await next.query(`LISTEN ${channel.name}`);
				client = next;
				for (const cache of caches) {
					cache.clear();
					cache.active = true;
				}
				for (const channel of channels) channel.onConnect();
				return;
			} catch (error) {
				await next.end().catch(() => undefined);
				logger.warn({ err: String(error) }, 'caches: LISTEN failed; retrying without cache');
				await new Promise((resolve) => setTimeout(resolve, 2_000));
			}
		}
	};
	void connect();
	return async () => {
		stopped = true;
		for (const cache of caches) {
			cache.active = false;
			cache.clear();
		}
		await client?.end().catch(() => undefined);
	};
}
