/**
 * A mail worker in a process of its own, for the crash test (src/lib/server/mail/worker.int.test.ts;
 * run with `node --import tsx`). It takes the first job, prints `holding <job id>` with the job's row
 * locked, and then never sends: the test kills it there with SIGKILL. DATABASE_URL names the database.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import type { MailQueueSettings } from '../../src/lib/server/mail/queue';
import { startMailWorker } from '../../src/lib/server/mail/worker';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const queue = JSON.parse(process.env.MAIL_QUEUE_SETTINGS ?? 'null') as MailQueueSettings | null;
const database = openDatabase(url, 2);
await startMailWorker({
	db: database.db,
	pool: database.pool,
	pollingIntervalSeconds: 0.5,
	...(queue && { queue }),
	compose: () => Promise.reject(new Error('this worker never gets this far')),
	send: () => Promise.reject(new Error('this worker never gets this far')),
	beforeDelivery: (_job, id) => {
		process.stdout.write(`holding ${id}\n`);
		return new Promise<void>(() => undefined);
	}
});
process.stdout.write('ready\n');
