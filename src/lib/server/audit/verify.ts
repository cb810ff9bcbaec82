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

// Below every chain_seq a row can hold: the walk starts here so that no row is skipped.
const BEFORE_ALL = '-9223372036854775808';

/**
 * Walks every row of the table in chain order, in batches, and names the first broken row. A row
 * the insert trigger did not chain (chain_seq 0 or below, e.g. written with the trigger disabled)
 * is a break too: it sorts first, so it is found before anything else.
 */
export async function verifyChain(pool: pg.Pool): Promise<ChainReport> {
	let previousHash: string | null = null;
	let previousSeq: number | null = null;
	let rows = 0;
	for (;;) {
		const batch: pg.QueryResult<ChainRow> = await pool.query<ChainRow>(
			`select id, chain_seq, hash, previous_hash, audit_event_digest(e) as expected
			   from audit_event e where chain_seq > $1::bigint order by chain_seq limit $2`,
			[previousSeq === null ? BEFORE_ALL : String(previousSeq), BATCH]
		);
		for (const row of batch.rows) {
			const id = Number(row.id);
			const chainSeq: number = Number(row.chain_seq);
			const broken = (reason: string): ChainReport => ({
				ok: false,
				rows,
				brokenAt: { id, chainSeq, reason }
			});
			if (chainSeq < 1) return broken('it is not in the hash chain');
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

/** The report in words, as `audit:verify` and `restore` print it. */
export function describeChainReport(report: ChainReport): string[] {
	if (report.ok) return [`Access log is whole: ${report.rows} rows checked, every hash matches.`];
	const { id, chainSeq, reason } = report.brokenAt;
	return [
		`Access log is broken at row id ${id} (chain position ${chainSeq}): ${reason}.`,
		`${report.rows} rows before it are whole.`
	];
}
