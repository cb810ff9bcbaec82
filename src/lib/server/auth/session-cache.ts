/**
 * A short-lived, per-process cache of session lookups: the session query is the one database round
 * trip every signed-in request makes. Entries live at most a few seconds, and the database tells
 * every app instance at once when a session or person changes (triggers → NOTIFY herstelpad_auth,
 * migration 0007), so sign-out, deactivation and a proven second factor take effect everywhere
 * without waiting. While the notification channel is down, nothing is cached.
 */
import pg from 'pg';
import { logger } from '../log';

const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
export const AUTH_CHANNEL = 'herstelpad_auth';

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

export class SessionCache<Row> implements NotifiedCache {
	private entries = new Map<string, Entry<Row>>();
	/** Loads running now, by flight key: see `shared`. */
	private flights = new Map<string, Promise<unknown>>();
	/** Goes up with every change heard of, so a load that ran across a change is not kept. */
	private generation = 0;
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

	/**
	 * Runs `load` once per flight key at a time: every request that misses while it runs waits for
	 * the same result, so an entry that expires under load costs one query, not one per waiting
	 * request. `keep` stores the result, unless a change was heard of while the load ran (the
	 * result may then be stale: it is used for the requests that asked, and not cached).
	 */
	shared<T>(flightKey: string, load: () => Promise<T>, keep: (value: T) => void): Promise<T> {
		const running = this.flights.get(flightKey) as Promise<T> | undefined;
		if (running) return running;
		const startedAt = this.generation;
		const flight = load().then(
			(value) => {
				if (this.flights.get(flightKey) === flight) this.flights.delete(flightKey);
				if (this.generation === startedAt) keep(value);
				return value;
			},
			(error: unknown) => {
				if (this.flights.get(flightKey) === flight) this.flights.delete(flightKey);
				throw error;
			}
		);
		this.flights.set(flightKey, flight);
		return flight;
	}

	/** Applies a notification: "session:<token hash>", "user:<user id>" or "all". */
	evict(message: string): void {
		if (message.startsWith('person:')) return; // a participant's own data, not their session
		if (message.startsWith('session:')) {
			this.delete(message.slice('session:'.length));
		} else if (message.startsWith('user:')) {
			const userId = message.slice('user:'.length);
			this.changed();
			for (const [key, entry] of this.entries) if (entry.userId === userId) this.entries.delete(key);
		} else {
			this.clear();
		}
	}

	clear(): void {
		this.changed();
		this.entries.clear();
	}

	delete(key: string): void {
		this.changed();
		this.entries.delete(key);
	}

	/** Loads under way may have read what just changed: new requests start their own. */
	private changed(): void {
		this.generation++;
		this.flights.clear();
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

/**
 * Keeps a LISTEN connection for `caches`, reconnecting after errors; returns a function that stops
 * it. The caches are active only while the connection is up.
 */
export function listenForAuthChanges(url: string, caches: NotifiedCache[]): () => Promise<void> {
	let client: pg.Client | null = null;
	let stopped = false;
	const connect = async (): Promise<void> => {
		while (!stopped) {
			const next = new pg.Client({ connectionString: url });
			try {
				next.on('notification', (message) => {
					for (const cache of caches) cache.evict(message.payload ?? 'all');
				});
				next.on('error', () => {
					for (const cache of caches) {
						cache.active = false;
						cache.clear();
					}
					void next.end().catch(() => undefined);
					if (!stopped) setTimeout(() => void connect(), 1_000);
				});
				await next.connect();
				await next.query(`LISTEN ${AUTH_CHANNEL}`);
				client = next;
				for (const cache of caches) {
					cache.clear();
					cache.active = true;
				}
				return;
			} catch (error) {
				await next.end().catch(() => undefined);
				logger.warn({ err: String(error) }, 'session cache: LISTEN failed; retrying without cache');
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
