/**
 * Checks the access log's hash chain: every row's hash must match its contents and the hash of the
 * row before it. A row removed after its retention period left its place, link and hash in
 * audit_event_removed (migration 0040): the walk goes through it, checking the links on both sides.
 * Used by `npm run audit:verify` and the tests. Relative imports only: the command-line tool loads
 * this file outside SvelteKit. Reads in batches by chain position: its memory stays flat.
 */
import type pg from 'pg';

export type ChainReport =
	| { ok: true; rows: number; removed: number }
	| {
			ok: false;
			rows: number;
			removed: number;
			brokenAt: { id: number | null; chainSeq: number; reason: string };
	  };

const BATCH = 5_000;

interface ChainRow {
	/** null for a removed row. */
	id: string | null;
	chain_seq: string;
	hash: string;
	previous_hash: string | null;
	/** The digest of the contents; null for a removed row, which has none. */
	expected: string | null;
}

/**
 * Walks every row of the table in chain order, in batches of chain positions, and names the first
 * broken row. A row the insert trigger did not chain (chain_seq 0 or below, e.g. written with the
 * trigger disabled) is a break too: it is looked for first. Each batch reads a range of positions from
 * both tables by their indexes (a position is either a row or a removed row's remains): a sorted union
 * with a LIMIT made PostgreSQL digest and sort every remaining row for each batch.
 */
export async function verifyChain(pool: pg.Pool): Promise<ChainReport> {
	let previousHash: string | null = null;
	let previousSeq: number | null = null;
	let rows = 0;
	let removed = 0;
	const outside = await pool.query<{ id: string; chain_seq: string }>(
		`select id, chain_seq from audit_event where chain_seq < 1 order by chain_seq limit 1`
	);
	if (outside.rows[0])
		return {
			ok: false,
			rows,
			removed,
			brokenAt: {
				id: Number(outside.rows[0].id),
				chainSeq: Number(outside.rows[0].chain_seq),
				reason: 'it is not in the hash chain'
			}
		};
	const {
		rows: [bounds]
	} = await pool.query<{ first: string | null; last: string | null }>(
		`select least((select min(chain_seq) from audit_event), (select min(chain_seq) from audit_event_removed)) as first,
		        greatest((select max(chain_seq) from audit_event), (select max(chain_seq) from audit_event_removed)) as last`
	);
	if (bounds?.first == null || bounds.last == null) return { ok: true, rows, removed };
	const last = Number(bounds.last);
	for (let from = Number(bounds.first); from <= last; from += BATCH) {
		const batch: pg.QueryResult<ChainRow> = await pool.query<ChainRow>(
			`select * from (
			   select id, chain_seq, hash, previous_hash, audit_event_digest(e) as expected
			     from audit_event e where chain_seq >= $1::bigint and chain_seq < $2::bigint
			   union all
			   select null, chain_seq, hash, previous_hash, null
			     from audit_event_removed where chain_seq >= $1::bigint and chain_seq < $2::bigint
			 ) chain order by chain_seq`,
			[String(from), String(from + BATCH)]
		);
		for (const row of batch.rows) {
			const id = row.id === null ? null : Number(row.id);
			const chainSeq: number = Number(row.chain_seq);
			const broken = (reason: string): ChainReport => ({
				ok: false,
				rows,
				removed,
				brokenAt: { id, chainSeq, reason }
			});
			if (previousSeq !== null && chainSeq === previousSeq)
				return broken('its place in the chain is also held by a removed row');
			// The first row we see may follow rows removed after their retention period: trust its link.
			if (previousSeq !== null && chainSeq !== previousSeq + 1)
				return broken(`row ${previousSeq + 1} is missing`);
			if (previousSeq !== null && row.previous_hash !== previousHash)
				return broken('does not link to the row before it');
			if (row.expected !== null && row.hash !== row.expected)
				return broken('its contents were changed after it was written');
			previousHash = row.hash;
			previousSeq = chainSeq;
			if (row.id === null) removed++;
			else rows++;
		}
	}
	return { ok: true, rows, removed };
}

/** The report in words, as `audit:verify` and `restore` print it. */
export function describeChainReport(report: ChainReport): string[] {
	const removed =
		report.removed > 0
			? ` ${report.removed} rows removed after their retention period left their links.`
			: '';
	if (report.ok) return [`Access log is whole: ${report.rows} rows checked, every hash matches.${removed}`];
	const { id, chainSeq, reason } = report.brokenAt;
	return [
		`Access log is broken at ${id === null ? 'a removed row' : `row id ${id}`} (chain position ${chainSeq}): ${reason}.`,
		`${report.rows} rows before it are whole.${removed}`
	];
}
