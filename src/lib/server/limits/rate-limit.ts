/**
 * Rate limits as fixed windows counted in PostgreSQL, shared by all app instances. Limits are per
 * IP address and per (account, IP address): someone hammering an account from elsewhere cannot lock
 * its owner out, and a window always ends.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';

export interface Limit {
	/** What is limited, e.g. "sign-in:ip:192.0.2.1". */
	key: string;
	max: number;
	windowSeconds: number;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt against every limit; refused when any is over its maximum. */
export async function hit(db: Db, limits: Limit[]): Promise<LimitResult> {
	let retryAfterSeconds = 0;
	for (const limit of limits) {
		const result = await db.execute<{ count: number; retry_after: number }>(sql`
			insert into rate_limit (key, window_start, count) values (${limit.key}, now(), 1)
			on conflict (key) do update set
				count = case when rate_limit.window_start <= now() - make_interval(secs => ${limit.windowSeconds})
					then 1 else rate_limit.count + 1 end,
				window_start = case when rate_limit.window_start <= now() - make_interval(secs => ${limit.windowSeconds})
					then now() else rate_limit.window_start end
			returning count,
				ceil(extract(epoch from (window_start + make_interval(secs => ${limit.windowSeconds}) - now())))::int as retry_after`);
		const row = result.rows[0];
		if (row && row.count > limit.max) retryAfterSeconds = Math.max(retryAfterSeconds, row.retry_after);
	}
	return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/** Forgets the attempts counted under a key (after a successful sign-in, say). */
export async function clear(db: Db, key: string): Promise<void> {
	await db.execute(sql`delete from rate_limit where key = ${key}`);
}

/**
 * Sign-in: 10 tries per account per IP address and `perIp` (SIGN_IN_LIMIT_PER_IP, default 50) per
 * IP address, each per 15 minutes.
 */
export function signInLimits(email: string, ip: string, perIp = 50): Limit[] {
	const windowSeconds = 15 * 60;
	return [
		// The first limit is cleared by a successful sign-in (see the sign-in action).
		{ key: `sign-in:account-ip:${email.toLowerCase()}:${ip}`, max: 10, windowSeconds },
		{ key: `sign-in:ip:${ip}`, max: perIp, windowSeconds }
	];
}
