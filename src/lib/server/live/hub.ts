/**
 * This instance's open live streams, per group. The database tells every instance which group
 * changed (NOTIFY herstelpad_live '<group id>:<event id>', on the one LISTEN connection of
 * auth/session-cache.ts); the hub then reads the group's view once per audience and sends it to each
 * stream of that audience that has not seen that event yet. Reads for one group never overlap: a
 * change heard during a read is answered by one more read when it ends, so a burst of answers costs
 * a few reads, not one per answer per phone.
 */
import type { Db } from '../db/client';
import { logger } from '../log';
import { forgetLiveStatus } from './status';
import { groupLiveView, type LiveAudience, type LiveView } from './view';

export interface LiveSubscriber {
	audience: LiveAudience;
	/** The newest event this stream has been sent (from Last-Event-ID on a reconnect). */
	lastSent: number;
	send(view: LiveView): void;
	/** Ends the stream (the browser reconnects, to another instance when this one stops). */
	end(): void;
}

interface GroupStreams {
	db: Db;
	subscribers: Set<LiveSubscriber>;
	reading: boolean;
	readAgain: boolean;
}

export class LiveHub {
	private groups = new Map<string, GroupStreams>();

	/** Number of open streams on this instance (for tests and the benchmark). */
	get size(): number {
		let total = 0;
		for (const group of this.groups.values()) total += group.subscribers.size;
		return total;
	}

	/**
	 * Adds a stream and sends it the current view when it is newer than what it has; returns the
	 * function that removes it.
	 */
	subscribe(db: Db, groupId: string, subscriber: LiveSubscriber): () => void {
		let group = this.groups.get(groupId);
		if (!group) {
			group = { db, subscribers: new Set(), reading: false, readAgain: false };
			this.groups.set(groupId, group);
		}
		group.subscribers.add(subscriber);
		void this.refresh(groupId);
		return () => {
			const current = this.groups.get(groupId);
			if (!current) return;
			current.subscribers.delete(subscriber);
			if (current.subscribers.size === 0 && !current.reading) this.groups.delete(groupId);
		};
	}

	/** A NOTIFY payload: '<group id>:<event id>'. Groups without streams here are ignored. */
	notify(payload: string): void {
		const groupId = payload.split(':')[0] ?? '';
		forgetLiveStatus(groupId);
		if (this.groups.has(groupId)) void this.refresh(groupId);
	}

	/** Ends every stream of this instance: it is stopping, and the browsers reconnect elsewhere. */
	endAll(): void {
		for (const group of this.groups.values())
			for (const subscriber of [...group.subscribers]) subscriber.end();
	}

	/** After the LISTEN connection came back: something may have been missed in every group. */
	refreshAll(): void {
		forgetLiveStatus(null);
		for (const groupId of this.groups.keys()) void this.refresh(groupId);
	}

	private async refresh(groupId: string): Promise<void> {
		const group = this.groups.get(groupId);
		if (!group) return;
		if (group.reading) {
			group.readAgain = true;
			return;
		}
		group.reading = true;
		try {
			do {
				group.readAgain = false;
				const audiences = new Set([...group.subscribers].map((subscriber) => subscriber.audience));
				for (const audience of audiences) {
					const { view } = await groupLiveView(group.db, groupId, audience);
					for (const subscriber of group.subscribers)
						if (subscriber.audience === audience && view.eventId > subscriber.lastSent) {
							subscriber.lastSent = view.eventId;
							subscriber.send(view);
						}
				}
			} while (group.readAgain);
		} catch (error) {
			// The database is away: the streams keep what they have; the next change or reconnect catches up.
			logger.warn({ err: String(error), groupId }, 'live: could not read a group view');
		} finally {
			group.reading = false;
			if (group.subscribers.size === 0) this.groups.delete(groupId);
		}
	}
}

/** This instance's hub (one per process, like the caches). */
export const liveHub = new LiveHub();
