/**
 * Checks the access log's hash chain: every row's hash must match its contents and the hash of the
 * row before it. Used by `npm run audit:verify` and the tests. Relative imports only: the
 * command-line tool loads this file outside SvelteKit.
 */
import type pg from 'pg';

export type ChainReport =
	| { ok: true; rows: number }
	| { ok: false; rows: number; brokenAt: { id: number; chainSeq: number; reason: string } };

const BATCH = 5_000;

interface ChainRow {
	id: string;
	chain_seq: string;
	hash: string;
	previous_hash: string | null;
	expected: string;
}

/** Walks the whole chain in order, in batches, and names the first broken row. */
export async function verifyChain(pool: pg.Pool): Promise<ChainReport> {
	let previousHash: string | null = null;
	let previousSeq: number | null = null;
	let rows = 0;
	for (;;) {
		const batch: pg.QueryResult<ChainRow> = await pool.query<ChainRow>(
			`select id, chain_seq, hash, previous_hash, audit_event_digest(e) as expected
			   from audit_event e where chain_seq > $1 order by chain_seq limit $2`,
			[previousSeq ?? 0, BATCH]
		);
		for (const row of batch.rows) {
			const id = Number(row.id);
			const chainSeq: number = Number(row.chain_seq);
			const broken = (reason: string): ChainReport => ({
				ok: false,
				rows,
				brokenAt: { id, chainSeq, reason }
			});
			// The first row we see may follow rows removed after their retention period: trust its link.
			if (previousSeq !== null && chainSeq !== previousSeq + 1)
				return broken(`row ${previousSeq + 1} is missing`);
			if (previousSeq !== null && row.previous_hash !== previousHash)
				return broken('does not link to the row before it');
			if (row.hash !== row.expected) return broken('its contents were changed after it was written');
			previousHash = row.hash;
			previousSeq = chainSeq;
			rows++;
		}
		if (batch.rows.length < BATCH) return { ok: true, rows };
	}
}
