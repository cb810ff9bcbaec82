// Seeds one large synthetic organisation for the scale benchmarks (`npm run bench:scale`, and the
// 100,000-participant benchmark later): a coordinator, groups with two trainers and a weekly
// calendar each, participants spread over the groups, and what a course year leaves behind — check-ins,
// messages and their reads, help requests, intakes, home practice, and the access log (sign-ins,
// trainers' reads, participants' own actions). Synthetic names only. Everything is generated inside
// PostgreSQL (generate_series), so 100,000 participants take seconds, not minutes.
//
// As a module: `seedOrganisation(client, { participants, groups })` on a migrated database.
// From the command line, on a database the app has migrated (DATABASE_URL, or DATA_DIR of a stopped or
// running embedded PostgreSQL):
//   node bench/seed-organisation.js --participants 100000 [--groups 10000] [--slug bench] [--data-dir ./data]
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import pg from 'pg';

/** The password of the participants a sign-in is measured with (synthetic accounts only). */
export const BENCH_PASSWORD = 'Een lang synthetisch wachtwoord';
// The app's settings (src/lib/server/auth/password.ts): argon2id, 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Seeds the organisation in one transaction and returns its ids and signed-in sessions (cookie values)
 * of its coordinator, a trainer and a participant, so a benchmark can load their pages without the
 * sign-in form, and the addresses of participants who sign in with BENCH_PASSWORD.
 * @param {pg.ClientBase} client a connection to the app's migrated database
 * @param {{ participants: number, groups?: number, slug?: string, now?: Date, seed?: number }} options
 * @returns {Promise<{ organisationId: string, groupId: string, coordinatorCookie: string, trainerCookie: string, participantCookie: string, passwordEmails: string[], participants: number, groups: number, auditRows: number }>}
 */
export async function seedOrganisation(client, options) {
	const participants = Math.max(1, Math.floor(options.participants));
	// A herstelgroep has about ten participants.
	const groups = Math.max(1, Math.floor(options.groups ?? Math.ceil(participants / 10)));
	const slug = options.slug ?? 'bench';
	const now = options.now ?? new Date();
	const params = { participants, groups, slug, now: now.toISOString() };
	await client.query('begin');
	try {
		// Same data on every run with the same sizes: random() follows this seed.
		await client.query('select setseed($1)', [options.seed ?? 0.24]);
		await client.query(`set local synchronous_commit = off`);
		// As a superuser (the embedded PostgreSQL), skip the foreign-key and notification triggers: the
		// generated rows are consistent by construction, and checking each one triples the time.
		const {
			rows: [role]
		} = await client.query(`select rolsuper from pg_roles where rolname = current_user`);
		if (role?.rolsuper) await client.query(`set local session_replication_role = replica`);
		const organisationId = await seedPeople(client, params);
		await seedActivity(client, { ...params, organisationId });
		const auditRows = await seedAccessLog(client, { ...params, organisationId });
		const sessions = await signedIn(client, organisationId, await hash(BENCH_PASSWORD, ARGON2));
		await client.query('commit');
		return { organisationId, ...sessions, participants, groups, auditRows };
	} catch (error) {
		await client.query('rollback');
		throw error;
	}
}

/** @param {pg.ClientBase} client @param {{ participants: number, groups: number, slug: string, now: string }} p */
async function seedPeople(client, p) {
	const {
		rows: [org]
	} = await client.query(
		`insert into organisation (name, slug, is_demo) values ($1, $2, true) returning id`,
		[`Benchmark-organisatie ${p.participants.toLocaleString('nl-NL')} (synthetisch)`, p.slug]
	);
	const orgId = org.id;
	const domain = `${p.slug}.bench.example`;
	// Staff: one coordinator, two trainers per group (the second a peer expert), one researcher.
	await client.query(
		`create temp table bench_staff on commit drop as
		 select n, role, gen_random_uuid()::text as user_id, gen_random_uuid() as person_id,
		        case role when 'coordinator' then 'Coördinator Bench' else 'Trainer ' || lpad(n::text, 5, '0') end as name,
		        case role when 'coordinator' then 'coordinator@' || $1 else 'trainer' || n || '@' || $1 end as email
		   from (select 0 as n, 'coordinator'::role as role
		         union all select n, 'trainer'::role from generate_series(1, $2::int * 2) n) s`,
		[domain, p.groups]
	);
	await client.query(
		`insert into "user" (id, name, email, email_verified) select user_id, name, email, true from bench_staff`
	);
	await client.query(
		`insert into person (id, organisation_id, user_id, role, display_name, is_peer_expert, phone)
		 select person_id, $1, user_id, role, name, role = 'trainer' and n % 2 = 0,
		        case when role = 'trainer' then '010 ' || lpad((n % 1000000)::text, 7, '0') end
		   from bench_staff`,
		[orgId]
	);
	// Groups: started on a weekday over the past 40 weeks (a course year is ~40 sessions); one in ten has ended.
	await client.query(
		`create temp table bench_group on commit drop as
		 select n, gen_random_uuid() as id, 1 + n % 5 as weekday,
		        (array['10:00','13:30','19:00'])[1 + n % 3]::time as start_time,
		        ($2::timestamptz at time zone 'Europe/Amsterdam')::date - (7 * (n % 40) + n % 7) as start_date
		   from generate_series(1, $1::int) n`,
		[p.groups, p.now]
	);
	await client.query(
		`alter table bench_group add column first_session date;
		 update bench_group set first_session = start_date + ((weekday - extract(isodow from start_date)::int + 7) % 7)`
	);
	await client.query(
		`insert into course_group (id, organisation_id, name, location, weekday, start_time, start_date, end_date)
		 select id, $1, 'Herstelgroep ' || lpad(n::text, 5, '0'), 'Locatie ' || (1 + n % 50) || ', zaal ' || (1 + n % 4),
		        weekday, start_time, start_date, case when n % 10 = 0 then first_session + 7 * 20 end
		   from bench_group`,
		[orgId]
	);
	// The calendar: 40 weekly sessions from the first, a few cancelled.
	await client.query(
		`insert into group_session (group_id, date, start_time, status, cancel_reason, module_number)
		 select g.id, g.first_session + 7 * k, g.start_time,
		        case when k % 13 = 12 then 'cancelled'::session_status else 'planned' end,
		        case when k % 13 = 12 then 'Vakantie' end, 1 + k / 4
		   from bench_group g, generate_series(0, 39) k`
	);
	await client.query(
		`insert into group_trainer (group_id, person_id)
		 select g.id, s.person_id from bench_group g join bench_staff s on s.role = 'trainer' and (s.n + 1) / 2 = g.n`
	);
	// Participants: spread over the groups; 60 % have an email address (the others sign in with a card);
	// 3 % have left their group, 2 % were turned off.
	await client.query(
		`create temp table bench_participant on commit drop as
		 select n, r, gen_random_uuid() as person_id, case when r % 5 < 3 then gen_random_uuid()::text end as user_id,
		        (array['Anna','Bram','Chris','Dewi','Emre','Fleur','Gijs','Hanna','Ilse','Jamal','Kim','Lotte'])[1 + n % 12]
		          || ' ' || (array['de Vries','Jansen','Bakker','Visser','Smit','Meijer','Mulder','Bos','Yilmaz','Peters'])[1 + (n / 12) % 10]
		          || ' ' || lpad(n::text, 6, '0') as name,
		        1 + (n - 1) % $2::int as group_n, r % 33 = 0 as has_left, r % 50 = 7 as deactivated
		   from generate_series(1, $1::int) n,
		        -- A fixed pseudo-random number per participant (0–999) for who does what: n itself would put
		        -- whole groups on one side, as the groups are dealt out in turn.
		        lateral (select abs(hashtext('deelnemer' || n)) % 1000 as r) pr`,
		[p.participants, p.groups]
	);
	await client.query(`create index on bench_participant (group_n)`);
	await client.query(
		`insert into "user" (id, name, email, email_verified)
		 select user_id, name, 'deelnemer' || n || '@' || $1, true from bench_participant where user_id is not null`,
		[domain]
	);
	await client.query(
		`insert into person (id, organisation_id, user_id, role, display_name, deactivated_at, created_at)
		 select bp.person_id, $1, bp.user_id, 'participant', bp.name,
		        case when bp.deactivated then $2::timestamptz - interval '20 days' end, g.start_date - 3
		   from bench_participant bp join bench_group g on g.n = bp.group_n`,
		[orgId, p.now]
	);
	await client.query(
		`insert into group_member (group_id, person_id, joined_at, left_at)
		 select g.id, bp.person_id,
		        g.start_date - 2 + case when bp.r % 7 = 0 then 21 else 0 end + time '09:00',
		        case when bp.has_left then $1::timestamptz - interval '30 days' end
		   from bench_participant bp join bench_group g on g.n = bp.group_n`,
		[p.now]
	);
	return orgId;
}

/** @param {pg.ClientBase} client @param {{ participants: number, groups: number, now: string, organisationId: string }} p */
async function seedActivity(client, p) {
	// Their row triggers tell the app instances to forget cached person data (NOTIFY); nothing is cached
	// of people who do not exist yet, and a notification per row would make seeding ten times slower.
	const notifying = ['check_in', 'message', 'message_read', 'digital_intake', 'home_practice_answer'];
	for (const table of notifying) await client.query(`alter table ${table} disable trigger user`);
	// The weeks each participant was in the course until now (week k starts at first_session + 7k).
	await client.query(
		`create temp table bench_week on commit drop as
		 select bp.person_id, g.id as group_id, bp.n, bp.r, k, g.first_session + 7 * k as week_start
		   from bench_participant bp join bench_group g on g.n = bp.group_n,
		        generate_series(0, 39) k
		  where g.first_session + 7 * k < ($1::timestamptz at time zone 'Europe/Amsterdam')::date
		    and (g.n % 10 <> 0 or k <= 20)`,
		[p.now]
	);
	// Check-ins: most weeks for most participants; one in eight never checks in.
	await client.query(
		`insert into check_in (person_id, group_id, week_start, idempotency_key, worked, closeness, bring_up, created_at)
		 select person_id, group_id, week_start, gen_random_uuid(),
		        (array['yes','a_bit','not_yet']::check_in_worked[])[1 + (n + k) % 3], 1 + (n * 7 + k) % 5,
		        case when (n + k) % 9 = 0 then 'Ik wil het hebben over week ' || k else '' end,
		        week_start + time '20:00'
		   from bench_week where r % 8 <> 3 and random() < 0.7`
	);
	// Messages: about two per participant, some answered by a trainer; trainers read most threads.
	await client.query(
		`insert into message (person_id, group_id, author_person_id, body, created_at)
		 select w.person_id, w.group_id, case when w.k % 2 = 0 then w.person_id else gt.person_id end,
		        'Bericht in week ' || w.k || ' (synthetisch)', w.week_start + time '12:00'
		   from bench_week w
		   join lateral (select person_id from group_trainer where group_id = w.group_id limit 1) gt on true
		  where random() < 0.12`
	);
	await client.query(
		`insert into message_read (reader_person_id, person_id, read_at)
		 select distinct on (gt.person_id, m.person_id) gt.person_id, m.person_id,
		        case when m.person_id::text < '2' then m.created_at - interval '1 day' else m.created_at + interval '1 day' end
		   from message m join group_trainer gt on gt.group_id = m.group_id
		  where m.group_id in (select id from bench_group)
		  order by gt.person_id, m.person_id, m.created_at desc`
	);
	await client.query(
		`insert into message_read (reader_person_id, person_id, read_at)
		 select distinct person_id, person_id, $1::timestamptz - interval '1 day'
		   from message where group_id in (select id from bench_group)`,
		[p.now]
	);
	// Help requests: 3 % open, 6 % closed with a note.
	await client.query(
		`insert into help_request (person_id, group_id, from_path, created_at, closed_at, close_note)
		 select bp.person_id, g.id, '/modules/1/01-wat-is-herstel', $1::timestamptz - interval '3 days',
		        case when bp.r % 3 <> 0 then $1::timestamptz - interval '2 days' end,
		        case when bp.r % 3 <> 0 then 'Besproken in de groep' end
		   from bench_participant bp join bench_group g on g.n = bp.group_n
		  where bp.r % 11 = 1`,
		[p.now]
	);
	// Intakes: four in five.
	await client.query(
		`insert into digital_intake (person_id, device, internet_at_home, has_email, confidence, help_wanted, path)
		 select person_id, (array['smartphone','tablet','computer','none']::intake_device[])[1 + n % 4],
		        n % 9 <> 0, user_id is not null, 1 + n % 5, n % 4 = 0,
		        (array['own_device','guided','paper']::intake_path[])[1 + n % 3]
		   from bench_participant where r % 5 <> 4`
	);
	// Home practice: given at the most recent past session of half the groups, answered by about half.
	await client.query(
		`insert into home_practice (group_id, session_id, text)
		 select distinct on (s.group_id) s.group_id, s.id, '{"nl":"Oefen thuis (synthetisch)","en":"Practise at home (synthetic)"}'::jsonb
		   from group_session s join bench_group g on g.id = s.group_id
		  where g.n % 2 = 0 and s.date < ($1::timestamptz at time zone 'Europe/Amsterdam')::date - 4
		  order by s.group_id, s.date desc`,
		[p.now]
	);
	await client.query(
		`insert into home_practice_answer (practice_id, person_id, answer)
		 select hp.id, bp.person_id, 'Gedaan (synthetisch)'
		   from home_practice hp join bench_group g on g.id = hp.group_id join bench_participant bp on bp.group_n = g.n
		  where bp.r % 2 = 0`
	);
	// Recovery goals: four in five have a current one with two steps (one done), one in five reached an
	// earlier goal first.
	await client.query(
		`insert into recovery_goal (id, person_id, life_area, text, why, status, is_current, created_at, closed_at)
		 select gen_random_uuid(), bp.person_id,
		        (array['housing','work','relationships','health','leisure','learning','meaning']::life_area[])[1 + bp.n % 7],
		        'Doel ' || bp.n || ' (synthetisch)', 'Omdat het ertoe doet', s.status::goal_status, s.status = 'active',
		        g.first_session + s.days, case when s.status = 'reached' then g.first_session + 120 end
		   from bench_participant bp join bench_group g on g.n = bp.group_n,
		        lateral (values ('active', 14), ('reached', 7)) s(status, days)
		  where bp.r % 5 <> 2 and (s.status = 'active' or bp.r % 5 = 0)
		    and g.first_session + s.days < ($1::timestamptz at time zone 'Europe/Amsterdam')::date`,
		[p.now]
	);
	await client.query(
		`insert into goal_step (goal_id, person_id, text, status, created_at)
		 select rg.id, rg.person_id, 'Stap ' || k || ' (synthetisch)', case when k = 1 then 'done' else 'open' end::goal_step_status,
		        rg.created_at
		   from recovery_goal rg join bench_participant bp on bp.person_id = rg.person_id, generate_series(1, 2) k`
	);
	await client.query(
		`insert into goal_event (goal_id, kind, after, by_person_id, at)
		 select rg.id, 'created', rg.text, rg.person_id, rg.created_at
		   from recovery_goal rg join bench_participant bp on bp.person_id = rg.person_id`
	);
	for (const table of notifying) await client.query(`alter table ${table} enable trigger user`);
}

/**
 * The access log of a course year, about 100 rows per participant: a card use and about weekly
 * sign-ins (one in ten never signed in), what they read of their own, their writes (check-ins,
 * messages), and their trainer's reads of their data before most sessions — chained exactly as the
 * database's trigger would have chained them.
 * @param {pg.ClientBase} client @param {{ participants: number, now: string, organisationId: string }} p
 * @returns {Promise<number>} rows written
 */
async function seedAccessLog(client, p) {
	// Names come from the person rows: the participant's, and their group's first trainer's.
	await client.query(
		`create temp table bench_audit on commit drop as
		 with participant as (
		   select bp.n, bp.r, bp.person_id, bp.name, g.id as group_id, g.first_session, t.person_id as trainer_id,
		          t.name as trainer_name
		     from bench_participant bp join bench_group g on g.n = bp.group_n
		     join lateral (select s.person_id, s.name from group_trainer gt join bench_staff s on s.person_id = gt.person_id
		                    where gt.group_id = g.id order by s.n limit 1) t on true
		 )
		 select x.* from (
		   -- Sign-ins: a card the first time, then about weekly (one in ten never signs in).
		   select pa.first_session + time '10:30' + w * interval '7 days 2 hours' as recorded_at,
		          case when w = 0 then 'login_card.use' else 'auth.sign_in' end as event_type, 'E'::audit_action as action,
		          pa.person_id as actor_person_id, 'participant' as actor_role, pa.name as actor_name,
		          pa.person_id as participant_id, 'session' as object_type, null::text as object_id
		     from participant pa, generate_series(0, 39) w where pa.r % 10 <> 5 and (w = 0 or (pa.r + w) % 5 <> 0)
		   union all
		   -- What they read of their own: the course, their goal, their messages, one a week each.
		   select pa.first_session + time '10:40' + w * interval '7 days 2 hours' + k * interval '3 minutes',
		          (array['curriculum.progress.read','goal.read','message.read'])[1 + k], 'R', pa.person_id, 'participant',
		          pa.name, pa.person_id, (array['module','goal','message'])[1 + k], null
		     from participant pa, generate_series(0, 39) w, generate_series(0, 2) k
		    where pa.r % 10 <> 5 and (pa.r + w) % 5 <> 0 and (pa.r + w + k) % 3 <> 0
		   union all
		   select c.created_at, 'check_in.create', 'C', c.person_id, 'participant', pa.name, c.person_id, 'check_in', c.id::text
		     from check_in c join participant pa on pa.person_id = c.person_id
		   union all
		   select m.created_at, 'message.create', 'C', m.author_person_id,
		          case when m.author_person_id = m.person_id then 'participant' else 'trainer' end,
		          case when m.author_person_id = m.person_id then pa.name else pa.trainer_name end, m.person_id, 'message', m.id::text
		     from message m join participant pa on pa.person_id = m.person_id
		   union all
		   -- Their trainer reads their check-in, goal and progress before most sessions.
		   select pa.first_session + time '09:00' + w * interval '7 days' + k * interval '2 minutes',
		          (array['attention.read','check_in.read','goal.read','curriculum.progress.read'])[1 + k], 'R',
		          pa.trainer_id, 'trainer', pa.trainer_name, pa.person_id, 'group', pa.group_id::text
		     from participant pa, generate_series(0, 39) w, generate_series(0, 3) k where (pa.r + w) % 4 <> 0
		 ) x where x.recorded_at < $1::timestamptz`,
		[p.now]
	);
	// The chain trigger stamps "now" and takes a lock per row. Here the same chain is built in time order:
	// the digests (audit_event_digest, migrations 0002 and 0020) are computed here and the rows inserted in
	// batches, so they keep their dates; the check below proves the chain is what the trigger would make.
	// Read through a cursor: at 100,000 participants there are about ten million rows.
	const {
		rows: [last]
	} = await client.query(
		`select coalesce(max(chain_seq), 0)::bigint as seq,
		        (select hash from audit_event order by chain_seq desc limit 1) as hash from audit_event`
	);
	await client.query(
		`declare bench_audit_rows no scroll cursor for
		 select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, recorded_at,
		        event_type, action::text, actor_person_id::text, actor_role, actor_name, participant_id::text,
		        object_type, object_id
		   from bench_audit order by recorded_at, actor_person_id, event_type`
	);
	await client.query(`alter table audit_event disable trigger audit_event_chain`);
	let seq = Number(last.seq);
	let previous = last.hash ?? null;
	let written = 0;
	const BATCH = 20_000;
	for (;;) {
		const { rows } = await client.query(`fetch ${BATCH} from bench_audit_rows`);
		if (rows.length === 0) break;
		/** @type {unknown[][]} */
		const columns = Array.from({ length: 12 }, () => []);
		for (const row of rows) {
			seq++;
			const fields = [
				String(seq),
				previous ?? '',
				row.at,
				row.event_type,
				row.action,
				'success',
				row.actor_person_id ?? '',
				row.actor_role ?? '',
				row.actor_name ?? '',
				p.organisationId,
				'',
				row.participant_id ?? '',
				p.organisationId,
				row.object_type ?? '',
				row.object_id ?? '',
				'127.0.0.1'
			];
			const hash = createHash('sha256').update(fields.join('|'), 'utf8').digest('hex');
			const values = [
				seq,
				row.recorded_at,
				row.event_type,
				row.action,
				row.actor_person_id,
				row.actor_role,
				row.actor_name,
				row.participant_id,
				row.object_type,
				row.object_id,
				previous,
				hash
			];
			values.forEach((value, index) => columns[index].push(value));
			previous = hash;
		}
		await client.query(
			`insert into audit_event (chain_seq, recorded_at, event_type, action, outcome, actor_person_id, actor_role,
			   actor_name, actor_organisation_id, participant_id, organisation_id, object_type, object_id, access_point,
			   previous_hash, hash)
			 select seq, at, type, action::audit_action, 'success', actor, role, name, $13, who, $13, otype, oid,
			        '127.0.0.1', prev, hash
			   from unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[],
			               $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[])
			        as t(seq, at, type, action, actor, role, name, who, otype, oid, prev, hash)`,
			[...columns, p.organisationId]
		);
		written += rows.length;
	}
	await client.query(`close bench_audit_rows`);
	// A sample of the rows (every 97th, and the last): the digests match what the database computes.
	const {
		rows: [{ wrong }]
	} = await client.query(
		`select count(*)::int as wrong from audit_event e
		  where chain_seq > $1 and (chain_seq % 97 = 0 or chain_seq = $2) and hash <> audit_event_digest(e)`,
		[last.seq, seq]
	);
	if (wrong > 0) throw new Error(`${wrong} seeded access-log rows do not match audit_event_digest`);
	await client.query(`alter table audit_event enable trigger audit_event_chain`);
	return written;
}

/**
 * A session as the sign-in would leave it (staff: password and second factor done).
 * @param {pg.ClientBase} client @param {string} userId @param {string | null} secondFactor
 * @returns {Promise<string>} the cookie value
 */
async function sessionFor(client, userId, secondFactor) {
	const token = randomBytes(32).toString('base64url');
	await client.query(
		`insert into session (id, token, expires_at, method, second_factor, user_id)
		 values ($1, $2, now() + interval '12 hours', 'password', $3, $4)`,
		[randomUUID(), createHash('sha256').update(token).digest('hex'), secondFactor, userId]
	);
	return token;
}

/**
 * Who the benchmark signs in as: the coordinator, the first trainer of the first group that runs now,
 * and a participant of that group (with an email address, still in it, past the tour); and the
 * participants' email addresses that a sign-in with `password` is measured with.
 * @param {pg.ClientBase} client @param {string} organisationId @param {string} passwordHash
 */
async function signedIn(client, organisationId, passwordHash) {
	const {
		rows: [people]
	} = await client.query(
		`select (select user_id from person where organisation_id = $1 and role = 'coordinator' limit 1) as coordinator,
		        g.id as group_id, t.user_id as trainer, pa.user_id as participant, pa.id as participant_id
		   from course_group g
		   join lateral (select p.user_id from group_trainer gt join person p on p.id = gt.person_id
		                  where gt.group_id = g.id order by p.display_name limit 1) t on true
		   join lateral (select p.id, p.user_id from group_member gm join person p on p.id = gm.person_id
		                  where gm.group_id = g.id and gm.left_at is null and p.user_id is not null
		                    and p.deactivated_at is null order by p.display_name limit 1) pa on true
		  where g.organisation_id = $1 and g.end_date is null
		  order by g.name limit 1`,
		[organisationId]
	);
	await client.query(`insert into tour_seen (person_id) values ($1) on conflict do nothing`, [
		people.participant_id
	]);
	// Forty participants with a password: each is signed in once a round, below the per-account limit.
	const { rows: accounts } = await client.query(
		`select u.id, u.email from person p join "user" u on u.id = p.user_id
		  where p.organisation_id = $1 and p.role = 'participant' and p.deactivated_at is null
		  order by p.display_name limit 40`,
		[organisationId]
	);
	await client.query(
		`insert into account (id, account_id, provider_id, user_id, password)
		 select gen_random_uuid()::text, id, 'credential', id, $2 from unnest($1::text[]) id`,
		[accounts.map((row) => row.id), passwordHash]
	);
	return {
		groupId: people.group_id,
		coordinatorCookie: await sessionFor(client, people.coordinator, 'totp'),
		trainerCookie: await sessionFor(client, people.trainer, 'totp'),
		participantCookie: await sessionFor(client, people.participant, null),
		passwordEmails: accounts.map((row) => row.email)
	};
}

/**
 * Progress through the course: per participant the steps of the modules their group has had, most of
 * them done. Run once the organisation has its curriculum (the app imports the starter curriculum for
 * an organisation without one when it starts).
 * @param {pg.ClientBase} client @param {string} organisationId @returns {Promise<number>} rows written
 */
export async function seedProgress(client, organisationId) {
	const result = await client.query(
		`insert into step_progress (person_id, module_number, step_key, seen_at, done_at)
		 select p.id, m.number, s.key, g.start_date + m.number * 28, case when (hashtext(p.id::text || s.key) & 7) <> 0
		        then g.start_date + m.number * 28 + 1 end
		   from person p
		   join group_member gm on gm.person_id = p.id
		   join course_group g on g.id = gm.group_id
		   join curriculum_version v on v.organisation_id = p.organisation_id and v.number = 1
		   join curriculum_module m on m.version_id = v.id
		   join curriculum_step s on s.module_id = m.id
		  where p.organisation_id = $1 and p.role = 'participant'
		    and g.start_date + m.number * 28 < current_date and (hashtext(p.id::text) & 7) <> 3
		 on conflict do nothing`,
		[organisationId]
	);
	return result.rowCount ?? 0;
}

/** The URL of the embedded PostgreSQL of a data directory (see src/lib/server/db/embedded.ts). */
export function embeddedDatabaseUrl(/** @type {string} */ dataDir) {
	const settings = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg.json'), 'utf8'));
	return `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/herstelpad`;
}

if (import.meta.filename === process.argv[1]) {
	const { values } = parseArgs({
		options: {
			participants: { type: 'string', default: '1000' },
			groups: { type: 'string' },
			slug: { type: 'string', default: 'bench' },
			'data-dir': { type: 'string' },
			'database-url': { type: 'string' }
		}
	});
	const url =
		values['database-url'] ??
		process.env.DATABASE_URL ??
		embeddedDatabaseUrl(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const started = performance.now();
	const result = await seedOrganisation(client, {
		participants: Number(values.participants),
		groups: values.groups ? Number(values.groups) : undefined,
		slug: values.slug
	});
	await client.query('analyze');
	await client.end();
	console.log(
		`Seeded "${values.slug}": ${result.participants} participants in ${result.groups} groups, ` +
			`${result.auditRows} access-log rows, in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
			`Coordinator cookie: herstelpad=${result.coordinatorCookie}`
	);
}
