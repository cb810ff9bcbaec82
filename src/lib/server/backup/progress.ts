/**
 * Progress of a backup or restore, step by step (a table, a file), and how the commands show it: on
 * a terminal a line that counts up while a step runs, kept for each table and for the last file; in a
 * log only those kept lines.
 */
import { Transform } from 'node:stream';

export interface ProgressEvent {
	/** What is being done, e.g. "table", "file", "check". */
	stage: string;
	/** The table or file. */
	name: string;
	/** 1-based position of this step among `total`. */
	index: number;
	total: number;
	bytes: number;
	rows?: number;
	done: boolean;
}

export type OnProgress = (event: ProgressEvent) => void;

/** A pass-through stream that counts bytes (and text-format COPY rows: one line each) as they flow. */
export function counter(onChange: (bytes: number, rows: number) => void): Transform & {
	bytes: number;
	rows: number;
} {
	const stream = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			stream.bytes += chunk.length;
			for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) stream.rows++;
			onChange(stream.bytes, stream.rows);
			callback(null, chunk);
		}
	}) as Transform & { bytes: number; rows: number };
	stream.bytes = 0;
	stream.rows = 0;
	return stream;
}

/** Renders progress on `out`; redraws a running step at most every 200 ms. */
export function terminalProgress(out: NodeJS.WriteStream = process.stdout): OnProgress {
	let lastDraw = 0;
	return (event) => {
		const position = `[${String(event.index).padStart(String(event.total).length)}/${event.total}]`;
		const rows = event.rows === undefined ? '' : `${event.rows.toLocaleString('en')} rows, `;
		const line = `${position} ${event.stage} ${event.name}: ${rows}${formatBytes(event.bytes)}`;
		// A line per table, but not per file: an installation may have thousands; the last one stays.
		const lasting = event.stage === 'table' || event.index === event.total;
		if (event.done && lasting) {
			out.write(out.isTTY ? `\r\x1b[K${line}\n` : `${line}\n`);
			lastDraw = 0;
			return;
		}
		const now = Date.now();
		if (!out.isTTY || now - lastDraw < 200) return;
		lastDraw = now;
		out.write(`\r\x1b[K${line} …`);
	};
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} kB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
