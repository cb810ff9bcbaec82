/**
 * Every route and action under src/routes must have an entry in the access table below, and each
 * entry is checked over HTTP for each role. A new route without an entry fails this test: decide
 * who may use it and add it here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { METRICS_PATH } from '../../src/lib/server/metrics/token';
import { signInOverHttp } from '../helpers/sign-in';
import { demo } from './browser';

type Who = 'anonymous' | 'participant' | 'trainer' | 'coordinator';
/** A status code, or a redirect to the given path. */
type Outcome = number | { redirect: string };
const signIn = { redirect: '/inloggen' };

interface Entry {
	/** "GET /path" for pages and endpoints, "POST /path?/action" for form actions. */
	request: string;
	/** Form fields for POST requests. */
	body?: Record<string, string>;
	expect: Record<Who, Outcome>;
}

/** An id that belongs to no group or person. */
const nobody = '00000000-0000-4000-8000-000000000000';

/**
 * Route id → what each role gets. The ownership rule of each area: see src/lib/domain/policy.ts.
 * Exported for the tests that go over every route (hostile-input.test.ts,
 * cross-organisation.test.ts).
 */
export const accessTable: Record<string, Entry[]> = {
	'/(admin)/beheer/groepen/nieuw': [
		{
			request: 'GET /beheer/groepen/nieuw',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/groepen/nieuw',
			body: { naam: '', weekdag: '9', tijd: '25:00', startdatum: '2026-02-30', vrije_dagen: 'kerst' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/(admin)/beheer/groepen/[groep]': [
		{
			request: `GET /beheer/groepen/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'GET /beheer/groepen/geen-id',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/move`,
			body: { sessie: nobody, datum: '2026-12-10', tijd: '10:00' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/cancel`,
			body: { sessie: nobody, reden: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/restore`,
			body: { sessie: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/add`,
			body: { datum: '2026-12-11', tijd: '10:00' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/generate`,
			body: { vrije_dagen: '' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/boardSetting`,
			body: { eerst_goedkeuren: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		// Trainers of the group: only the organisation's coordinator adds and removes them.
		{
			request: `POST /beheer/groepen/${nobody}?/addTrainer`,
			body: { trainer: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}?/removeTrainer`,
			body: { trainer: nobody, zeker: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `GET /beheer/groepen/${nobody}?verwijder=${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	// The fidelity self-assessment: the group's trainers (here) and its coordinator (below).
	'/(trainer)/trainer/groepen/[groep]/modeltrouw': [
		{
			request: `GET /trainer/groepen/${nobody}/modeltrouw`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/modeltrouw`,
			body: { van: '2026-09-01', tot: '2026-12-01' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/modeltrouw/[beoordeling]': [
		{
			request: `GET /trainer/groepen/${nobody}/modeltrouw/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `GET /trainer/groepen/${nobody}/modeltrouw/geen-id`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/modeltrouw/${nobody}?/save`,
			body: { actie: 'opslaan', score_group_size: '3', notitie_group_size: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/modeltrouw/${nobody}?/reopen`,
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/modeltrouw/[beoordeling]/afdrukken': [
		{
			request: `GET /trainer/groepen/${nobody}/modeltrouw/${nobody}/afdrukken`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(admin)/beheer/groepen/[groep]/modeltrouw': [
		{
			request: `GET /beheer/groepen/${nobody}/modeltrouw`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}/modeltrouw`,
			body: { van: '2026-09-01', tot: '2026-12-01' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/groepen/[groep]/modeltrouw/[beoordeling]': [
		{
			request: `GET /beheer/groepen/${nobody}/modeltrouw/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}/modeltrouw/${nobody}?/save`,
			body: { actie: 'afronden' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/groepen/${nobody}/modeltrouw/${nobody}?/reopen`,
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/groepen/[groep]/modeltrouw/[beoordeling]/afdrukken': [
		{
			request: `GET /beheer/groepen/${nobody}/modeltrouw/${nobody}/afdrukken`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/sessies': [
		{
			request: `GET /trainer/groepen/${nobody}/sessies`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies?/cancel`,
			body: { sessie: nobody, reden: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies?/restore`,
			body: { sessie: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies?/move`,
			body: { sessie: 'geen-id', datum: 'morgen', tijd: '10:00' },
			// Refused as bad input, then the page of a group that does not exist: 404.
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies?/add`,
			body: { datum: '2026-12-11', tijd: '10:00' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies?/generate`,
			body: { vrije_dagen: '' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/sessies/[sessie]': [
		{
			request: `GET /trainer/groepen/${nobody}/sessies/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}?/plan`,
			body: { module: '1', onderwerp: 'route-inventaris', notities: '' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}?/attendance`,
			body: { [`aanwezig-${nobody}`]: 'present' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}?/practice`,
			body: { bron: 'own', tekst: 'route-inventaris', antwoord: 'text' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}?/everyonePresent`,
			body: { sessie: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}?/feedback`,
			body: { opdracht: nobody, deelnemer: nobody, feedback: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voorbereiding': [
		{
			request: `GET /trainer/groepen/${nobody}/voorbereiding`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/voorbereiding?/feedback`,
			body: { opdracht: nobody, deelnemer: nobody, feedback: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(participant)/live': [
		{
			request: 'GET /live',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /live',
			body: { vraag: nobody, antwoord: 'route-inventaris' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/live/stroom': [
		{
			request: 'GET /live/stroom',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	// Live mode: only the group's own trainers run it (a session of nobody's group is a 404).
	'/(trainer)/trainer/groepen/[groep]/sessies/[sessie]/live': [
		{
			request: `GET /trainer/groepen/${nobody}/sessies/${nobody}/live`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/add`,
			body: { bron: 'own', soort: 'open', tekst: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/move`,
			body: { vraag: nobody, richting: 'up' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/remove`,
			body: { vraag: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/start`,
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/step`,
			body: { stap: 'open', vraag: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/keep`,
			body: { vraag: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/sessies/${nobody}/live?/moderate`,
			body: { antwoord: nobody, besluit: 'hide' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/sessies/[sessie]/live/muur': [
		{
			request: `GET /trainer/groepen/${nobody}/sessies/${nobody}/live/muur`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/sessies/[sessie]/live/stroom': [
		{
			request: `GET /trainer/groepen/${nobody}/sessies/${nobody}/live/stroom?scherm=muur`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(participant)/thuisopdracht': [
		{
			request: 'GET /thuisopdracht',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /thuisopdracht',
			body: { opdracht: nobody, antwoord: 'route-inventaris' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/rondleiding': [
		{
			request: 'GET /rondleiding?scherm=99',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /rondleiding',
			body: { klaar: '1' },
			expect: { anonymous: 401, participant: { redirect: '/' }, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)': [
		{
			request: 'GET /',
			expect: {
				anonymous: signIn,
				participant: 200,
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		// The "why not?" card's answer: no answer chosen is a form error.
		{
			request: 'POST /?/waaromNiet',
			body: { onderdeel: 'modules' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(admin)/beheer/gebruik': [
		{
			request: 'GET /beheer/gebruik?pagina=abc',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	'/(admin)/beheer/gebruik/csv': [
		{
			request: 'GET /beheer/gebruik/csv',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	'/(admin)/beheer/groepen/[groep]/gebruik': [
		{
			request: `GET /beheer/groepen/${nobody}/gebruik`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'GET /beheer/groepen/geen-id/gebruik',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/groepen/[groep]/gebruik/csv': [
		{
			request: `GET /beheer/groepen/${nobody}/gebruik/csv`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/gebruik': [
		{
			request: `GET /trainer/groepen/${nobody}/gebruik`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: 'GET /trainer/groepen/geen-id/gebruik',
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/gebruik/csv': [
		{
			request: `GET /trainer/groepen/${nobody}/gebruik/csv`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/api/gebruik': [
		{
			request: 'POST /api/gebruik',
			body: { soort: 'toetsaanslag' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/hulp': [
		{ request: 'GET /hulp', expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 } },
		{
			request: 'GET /hulp?van=//elders.example/x',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /hulp?/stuck',
			body: { van: '/modules' },
			expect: { anonymous: 401, participant: { redirect: '/hulp' }, trainer: 403, coordinator: 403 }
		}
	],
	// Privacy (issue 20): the participant's own rights.
	'/(participant)/privacy': [
		{
			request: 'GET /privacy',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/privacy/toestemming': [
		{
			request: 'GET /privacy/toestemming',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /privacy/toestemming?/set',
			body: { doel: 'alles', aan: 'ja' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/privacy/wie-ziet-wat': [
		{
			request: 'GET /privacy/wie-ziet-wat',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /privacy/wie-ziet-wat?/set',
			body: { doel: 'research', aan: 'misschien' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/privacy/downloaden': [
		{
			request: 'GET /privacy/downloaden',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /privacy/downloaden?/start',
			body: {},
			expect: { anonymous: 401, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/privacy/downloaden/[export]': [
		{
			request: `GET /privacy/downloaden/${nobody}`,
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /privacy/downloaden/geen-id',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/privacy/wissen': [
		{
			request: 'GET /privacy/wissen',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /privacy/wissen?/ask',
			body: {},
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /privacy/wissen?/withdraw',
			body: {},
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/logboek': [
		{
			request: 'GET /logboek',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /logboek?van=gisteren',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	// After signing in with a card: how to get back in next time (one question per screen).
	'/(participant)/terugkomen': [
		{
			request: 'GET /terugkomen',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/terugkomen/sleutel': [
		{
			request: 'GET /terugkomen/sleutel',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/terugkomen/klaar': [
		{
			request: 'GET /terugkomen/klaar?met=kaart',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	// The demo participant has an email address, so a password is possible.
	'/(participant)/terugkomen/wachtwoord': [
		{
			request: 'GET /terugkomen/wachtwoord',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /terugkomen/wachtwoord',
			body: { wachtwoord: 'kort' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(trainer)/trainer': [
		{
			request: 'GET /trainer',
			expect: { anonymous: signIn, participant: 403, trainer: 200, coordinator: 403 }
		},
		// A group the trainer does not train (here: none) is refused.
		{
			request: 'POST /trainer?/addParticipant',
			body: { groep: '00000000-0000-4000-8000-000000000000', naam: 'Nieuw' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /trainer?/addParticipant',
			body: { groep: 'geen-id', naam: '' },
			expect: { anonymous: 401, participant: 403, trainer: 400, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/kaarten': [
		{
			request: 'GET /trainer/kaarten',
			expect: { anonymous: signIn, participant: 403, trainer: 200, coordinator: 403 }
		},
		// A participant id outside the trainer's groups (here: nobody's) is refused.
		{
			request: 'POST /trainer/kaarten',
			body: { deelnemer: '00000000-0000-4000-8000-000000000000' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /trainer/kaarten',
			body: { deelnemer: 'niet-een-id' },
			expect: { anonymous: 401, participant: 403, trainer: 400, coordinator: 403 }
		}
	],
	'/kaart': [
		{
			request: 'GET /kaart',
			expect: {
				anonymous: 200,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /kaart',
			body: { code: 'AAAA-BBBB-CCCC-DDDD' },
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /kaart',
			body: { code: 'te kort' },
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		}
	],
	'/(admin)/beheer': [
		{
			request: 'GET /beheer',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	'/(admin)/beheer/mensen': [
		{
			request: 'GET /beheer/mensen',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'GET /beheer/mensen?zoek=anna&groep=demo&status=actief&rol=deelnemer',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		// A page cursor of someone not in the coordinator's organisation (here: nobody) is not found.
		{
			request: `GET /beheer/mensen?na=${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/mensen/[persoon]': [
		{
			request: `GET /beheer/mensen/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'GET /beheer/mensen/geen-id',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		// Someone not in the coordinator's organisation (here: nobody) is not found.
		{
			request: `POST /beheer/mensen/${nobody}?/deactivate`,
			body: { bevestig: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		// Without the confirmation the form fails (400), but the page shown with it is nobody's: 404.
		{
			request: `POST /beheer/mensen/${nobody}?/deactivate`,
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/mensen/${nobody}?/reactivate`,
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/mensen/${nobody}?/move`,
			body: { groep: '00000000-0000-4000-8000-000000000001' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'POST /beheer/mensen/geen-id?/move',
			body: { groep: '00000000-0000-4000-8000-000000000001' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/mensen/${nobody}?/erasure`,
			body: { bevestig: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	// Privacy (issue 20): erasure requests and retention are the coordinator's.
	'/(admin)/beheer/privacy': [
		{
			request: 'GET /beheer/privacy',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	'/(admin)/beheer/privacy/[verzoek]': [
		{
			request: `GET /beheer/privacy/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'GET /beheer/privacy/geen-id',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/privacy/${nobody}?/decide`,
			body: { besluit: 'weigeren', toelichting: 'Nee' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/privacy/bewaartermijnen': [
		{
			request: 'GET /beheer/privacy/bewaartermijnen',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/privacy/bewaartermijnen?/save',
			body: { logboek: '12' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		},
		{
			request: 'POST /beheer/privacy/bewaartermijnen?/dryRun',
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	'/(admin)/beheer/logboek': [
		{
			request: 'GET /beheer/logboek',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	// The FHIR export (issue 19): the organisation's bulk export for its coordinators, one
	// participant's Bundle for the coordinator and the trainers of their group; a start with a bad
	// date starts nothing.
	'/(admin)/beheer/fhir': [
		{
			request: 'GET /beheer/fhir',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/fhir?/start',
			body: { sinds: '2026-02-30' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/(admin)/beheer/mensen/[persoon]/fhir': [
		{
			request: `GET /beheer/mensen/${nobody}/fhir`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/api/fhir/[x+24]export': [
		{
			// Without "Prefer: respond-async" a coordinator's kick-off is refused before anything starts.
			request: 'GET /api/fhir/$export',
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/api/fhir/export/[id]': [
		{
			request: `GET /api/fhir/export/${nobody}`,
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/api/fhir/export/[id]/[bestand]': [
		{
			request: `GET /api/fhir/export/${nobody}/Patient.ndjson`,
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/logboek/export': [
		{
			request: 'GET /beheer/logboek/export',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'GET /beheer/logboek/export?actie=Z',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/account': [
		{
			request: 'GET /account',
			expect: { anonymous: signIn, participant: 200, trainer: 200, coordinator: 200 }
		},
		// Someone else's (here: nobody's) session id is not found; a session id is a UUID.
		{
			request: 'POST /account?/end',
			body: { sessie: nobody },
			expect: { anonymous: 401, participant: 404, trainer: 404, coordinator: 404 }
		},
		{
			request: 'POST /account?/end',
			body: { sessie: 'niet-van-jou' },
			expect: { anonymous: 401, participant: 400, trainer: 400, coordinator: 400 }
		},
		{
			request: 'POST /account?/endOthers',
			body: {},
			expect: { anonymous: 401, participant: 200, trainer: 200, coordinator: 200 }
		}
	],
	// JSON endpoints for passkeys: a form post is not valid JSON (400); making one needs a session.
	'/account/sleutel': [
		{
			request: 'POST /account/sleutel',
			body: {},
			expect: { anonymous: 401, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/inloggen/sleutel': [
		{
			request: 'POST /inloggen/sleutel',
			body: {},
			expect: { anonymous: 400, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/(admin)/beheer/uitnodigen': [
		{
			request: 'GET /beheer/uitnodigen',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/uitnodigen',
			body: { naam: '', email: 'geen-adres' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	// Links from emails: an unknown or used token shows "this link no longer works".
	'/inloggen/link': [
		{
			request: 'GET /inloggen/link',
			expect: { anonymous: 200, participant: 200, trainer: 200, coordinator: 200 }
		},
		{
			request: 'POST /inloggen/link',
			body: { email: 'geen-adres' },
			expect: { anonymous: 400, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/inloggen/link/[token]': [
		{
			request: 'GET /inloggen/link/onbekend',
			expect: {
				anonymous: 200,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /inloggen/link/onbekend?/signIn',
			body: {},
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /inloggen/link/onbekend?/reset',
			body: { wachtwoord: 'een lang genoeg wachtwoord' },
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		}
	],
	'/uitnodiging/[token]': [
		{
			request: 'GET /uitnodiging/onbekend',
			expect: {
				anonymous: 200,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /uitnodiging/onbekend',
			body: { wachtwoord: 'een lang genoeg wachtwoord' },
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		}
	],
	'/(admin)/beheer/metingen': [
		{
			request: 'GET /beheer/metingen?pagina=abc',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/metingen',
			body: { definitie: '{"resourceType": "Patient"}' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/(admin)/beheer/sso': [
		{
			request: 'GET /beheer/sso',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/sso',
			body: { issuer: 'geen adres', clientId: '' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/inloggen/sso': [
		{
			request: 'GET /inloggen/sso',
			expect: {
				anonymous: 200,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /inloggen/sso',
			body: { email: 'niemand@example.org' },
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		}
	],
	// Without the signed flow cookie the callback sends everyone back with a problem to show.
	'/inloggen/sso/terug': [
		{
			request: 'GET /inloggen/sso/terug?code=x&state=y',
			expect: {
				anonymous: { redirect: '/inloggen/sso' },
				participant: { redirect: '/inloggen/sso' },
				trainer: { redirect: '/inloggen/sso' },
				coordinator: { redirect: '/inloggen/sso' }
			}
		}
	],
	'/account/sleutels': [
		{
			request: 'GET /account/sleutels',
			expect: { anonymous: signIn, participant: 200, trainer: 200, coordinator: 200 }
		},
		// Someone else's (here: nobody's) passkey is not found; without the confirmation nothing happens.
		{
			request: 'POST /account/sleutels?/remove',
			body: { sleutel: 'niet-van-jou', bevestig: 'ja' },
			expect: { anonymous: 401, participant: 404, trainer: 404, coordinator: 404 }
		},
		{
			request: 'POST /account/sleutels?/remove',
			body: { sleutel: 'niet-van-jou' },
			expect: { anonymous: 401, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/account/verlengen': [
		{
			request: 'POST /account/verlengen',
			body: {},
			expect: {
				anonymous: 401,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		}
	],
	// The second step belongs to a half-finished staff sign-in; everyone else is sent on.
	'/inloggen/tweede-stap': [
		{
			request: 'GET /inloggen/tweede-stap',
			expect: {
				anonymous: signIn,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		{
			request: 'POST /inloggen/tweede-stap',
			body: { code: '123456' },
			expect: {
				anonymous: signIn,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		}
	],
	'/inloggen': [
		{
			request: 'GET /inloggen',
			expect: {
				anonymous: 200,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		// Someone already signed in is sent to their own area when the page is shown again.
		{
			request: 'POST /inloggen',
			body: { email: 'niemand@example.org', password: 'geen-wachtwoord' },
			expect: {
				anonymous: 400,
				participant: { redirect: '/' },
				trainer: { redirect: '/trainer' },
				coordinator: { redirect: '/beheer' }
			}
		},
		// SvelteKit itself answers 500 to the reserved name "?/default"; hooks.server.ts makes it a 400.
		{
			request: 'POST /inloggen?/default',
			body: { email: 'niemand@example.org', password: 'geen-wachtwoord' },
			expect: { anonymous: 400, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/uitloggen': [
		{
			request: 'POST /uitloggen',
			expect: { anonymous: signIn, participant: signIn, trainer: signIn, coordinator: signIn }
		}
	],
	'/taal': [
		{
			request: 'POST /taal',
			body: { locale: 'nl', terug: '/' },
			expect: {
				anonymous: { redirect: '/' },
				participant: { redirect: '/' },
				trainer: { redirect: '/' },
				coordinator: { redirect: '/' }
			}
		},
		{
			request: 'POST /taal',
			body: { locale: 'xx' },
			expect: { anonymous: 400, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/healthz': [
		{ request: 'GET /healthz', expect: { anonymous: 200, participant: 200, trainer: 200, coordinator: 200 } }
	],
	'/readyz': [
		{ request: 'GET /readyz', expect: { anonymous: 200, participant: 200, trainer: 200, coordinator: 200 } }
	],
	// Prometheus figures, answered by hooks.server.ts: only with the bearer token METRICS_TOKEN
	// (tests/e2e/metrics.test.ts); a session opens nothing, and without the token it is an unknown page.
	'/metrics': [
		{ request: 'GET /metrics', expect: { anonymous: 404, participant: 404, trainer: 404, coordinator: 404 } }
	],
	// Coordinators edit the curriculum in a new version and publish it (with a confirmation).
	'/(admin)/beheer/inhoud': [
		{
			request: 'GET /beheer/inhoud',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		// Makes (or keeps) the demo organisation's draft version; the editing flow copes with either.
		{
			request: 'POST /beheer/inhoud?/newVersion',
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/inhoud?/publish',
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/(admin)/beheer/inhoud/module/[nummer]': [
		{
			request: 'GET /beheer/inhoud/module/99',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'POST /beheer/inhoud/module/99?/save',
			body: { titel_nl: 'x', samenvatting_nl: 'y' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/inhoud/stap/[nummer]/[stap]': [
		{
			request: 'GET /beheer/inhoud/stap/1/99-bestaat-niet',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'POST /beheer/inhoud/stap/1/99-bestaat-niet?/preview',
			body: { tekst_nl: 'x' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'POST /beheer/inhoud/stap/1/99-bestaat-niet?/save',
			body: { titel_nl: 'x', tekst_nl: 'x' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		},
		// One of the organisation's videos in the step (or none).
		{
			request: 'POST /beheer/inhoud/stap/1/99-bestaat-niet?/video',
			body: { video: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	// Coordinators add videos for their organisation.
	'/(admin)/beheer/media': [
		{
			request: 'GET /beheer/media',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'GET /beheer/media?fout=video:wrong_type,x',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		}
	],
	// Versions of the curriculum, read-only: one a module at a time, and what changed between two.
	'/(admin)/beheer/inhoud/versie/[versie]': [
		{
			request: 'GET /beheer/inhoud/versie/1?module=1',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'GET /beheer/inhoud/versie/999',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'GET /beheer/inhoud/versie/geen-nummer?module=x',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	'/(admin)/beheer/inhoud/vergelijk': [
		{
			request: 'GET /beheer/inhoud/vergelijk',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'GET /beheer/inhoud/vergelijk?van=1&naar=999&pagina=x',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	// One video: watched, where it is used, removed after asking (not while a published step shows it).
	'/(admin)/beheer/media/[id]': [
		{
			request: `GET /beheer/media/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: 'GET /beheer/media/geen-id?verwijderen',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 404 }
		},
		{
			request: `POST /beheer/media/${nobody}?/remove`,
			body: { zeker: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 404 }
		}
	],
	// Not a multipart upload: back to the page with the message (JavaScript off), nothing stored.
	'/(admin)/beheer/media/upload': [
		{
			request: 'POST /beheer/media/upload',
			body: { titel_nl: 'Geen video' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: { redirect: '/beheer/media' } }
		}
	],
	// The course: participants of a group read what their group has open (see curriculum/course/readable.ts).
	'/(participant)/modules': [
		{
			request: 'GET /modules',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /modules?pagina=x',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	// Goals and the weekly check-in: only the participant's own.
	'/(participant)/check-in': [
		{
			request: 'GET /check-in',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /check-in',
			body: { vraag: 'bestaat-niet', antwoord: 'x' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/doel': [
		{ request: 'GET /doel', expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 } },
		{
			request: 'POST /doel?/stepDone',
			body: { stap: nobody },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/doel/nieuw': [
		{
			request: 'GET /doel/nieuw',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /doel/nieuw',
			body: { vraag: 'gebied', gebied: 'maan' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/doel/[doel]': [
		{
			request: `GET /doel/${nobody}`,
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /doel/${nobody}?/change`,
			body: { wijziging: 'stop', reden: 'route-inventaris' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /doel/${nobody}?/step`,
			body: { stap: 'route-inventaris' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /doel/${nobody}?/current`,
			body: {},
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/herinneringen': [
		{
			request: 'GET /herinneringen',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /herinneringen',
			body: { aan: 'ja', kanaal: 'email', dag: '8', tijd: '25:00', stilVan: '22:00', stilTot: '08:00' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	// The stop link in a reminder works without signing in; only a valid signed token does anything.
	'/herinneringen/uit': [
		{
			request: 'GET /herinneringen/uit?t=vervalst',
			expect: { anonymous: 200, participant: 200, trainer: 200, coordinator: 200 }
		},
		{
			request: 'POST /herinneringen/uit',
			body: { t: `${nobody}.vervalst` },
			expect: { anonymous: 400, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	'/api/push': [
		{
			request: 'POST /api/push',
			body: { endpoint: 'geen-json' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/api/concepten': [
		{
			request: 'POST /api/concepten',
			body: { epk: 'geen-json' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/offline': [
		{
			request: 'GET /offline',
			expect: { anonymous: 200, participant: 200, trainer: 200, coordinator: 200 }
		}
	],
	'/(participant)/berichten': [
		{
			request: 'GET /berichten',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /berichten',
			body: { bericht: '   ' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/vragenlijst': [
		{
			request: 'GET /vragenlijst',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			// The demo participant sent the baseline already: nothing to begin, or begin again.
			request: 'POST /vragenlijst?/begin',
			body: {},
			expect: { anonymous: 401, participant: 409, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /vragenlijst?/opnieuw',
			body: {},
			expect: { anonymous: 401, participant: 409, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/vragenlijst/[vraag]': [
		{
			request: 'GET /vragenlijst/nul',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			// Refused, and the page then shows what the demo participant has: the results.
			request: 'POST /vragenlijst/1',
			body: { richting: 'weg' },
			expect: {
				anonymous: 401,
				participant: { redirect: '/vragenlijst/uitkomst' },
				trainer: 403,
				coordinator: 403
			}
		}
	],
	'/(participant)/vragenlijst/klaar': [
		{
			// The demo participant sent the baseline already: the results.
			request: 'GET /vragenlijst/klaar',
			expect: {
				anonymous: signIn,
				participant: { redirect: '/vragenlijst/uitkomst' },
				trainer: 403,
				coordinator: 403
			}
		},
		{
			request: 'POST /vragenlijst/klaar',
			body: {},
			expect: {
				anonymous: 401,
				participant: { redirect: '/vragenlijst/uitkomst' },
				trainer: 403,
				coordinator: 403
			}
		}
	],
	'/(participant)/vragenlijst/uitkomst': [
		{
			request: 'GET /vragenlijst/uitkomst?deel=2',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan': [
		{
			request: 'GET /signaleringsplan',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan?/review',
			body: { maanden: '99' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/[stap]': [
		{
			request: 'GET /signaleringsplan/sterke-kanten',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /signaleringsplan/geen-stap',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/triggers?/save',
			body: { antwoord: 'x'.repeat(2001) },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/bellen?/next',
			body: { begeleiding: 'x'.repeat(201) },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/lezen': [
		{
			request: 'GET /signaleringsplan/lezen?deel=3',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/versies': [
		{
			request: 'GET /signaleringsplan/versies',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/versies/[versie]': [
		{
			request: `GET /signaleringsplan/versies/${nobody}`,
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /signaleringsplan/versies/geen-id',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/kaart': [
		{
			request: 'GET /signaleringsplan/kaart',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/delen': [
		{
			request: 'GET /signaleringsplan/delen',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/delen?/careTeam',
			body: { begeleiding: 'misschien' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/delen?/newCode',
			body: { naaste: nobody },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/delen?/goal',
			body: { naaste: nobody, doel: 'ja' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/delen?/stop',
			body: { naaste: nobody },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/signaleringsplan/delen/uitnodigen': [
		{
			request: 'GET /signaleringsplan/delen/uitnodigen',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /signaleringsplan/delen/uitnodigen',
			body: { naam: '', hoe: 'card' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	// The research export: the coordinator creates studies; only researchers (own area) download.
	'/(admin)/beheer/onderzoek': [
		{
			request: 'GET /beheer/onderzoek',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'GET /beheer/onderzoek?pagina=abc',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 200 }
		},
		{
			request: 'POST /beheer/onderzoek?/create',
			body: { naam: '' },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 400 }
		}
	],
	'/(research)/onderzoek': [
		{
			request: 'GET /onderzoek',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 403 }
		}
	],
	'/(research)/onderzoek/[studie]/export': [
		{
			request: `GET /onderzoek/${nobody}/export`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /onderzoek/geen-id/export',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 403 }
		}
	],
	'/(naaste)/naaste': [
		{
			request: 'GET /naaste',
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 403 }
		}
	],
	'/(naaste)/naaste/[deelnemer]': [
		{
			request: `GET /naaste/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /naaste/${nobody}?/end`,
			body: { verbinding: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 403, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang/[deelnemer]/signaleringsplan': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang/${nobody}/signaleringsplan`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(participant)/prikbord': [
		{
			request: 'GET /prikbord',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /prikbord?/reageer',
			body: { bericht: nobody, woord: 'strength', aan: 'ja', pagina: '1' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /prikbord?/melden',
			body: { bericht: nobody, pagina: '1' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /prikbord?/antwoord',
			body: { bericht: nobody, tekst: '   ', pagina: '1' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/prikbord/nieuw': [
		{
			request: 'GET /prikbord/nieuw',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /prikbord/nieuw',
			body: { tekst: '   ' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/prikbord/regels': [
		{
			request: 'GET /prikbord/regels',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /prikbord/regels',
			body: {},
			expect: { anonymous: 401, participant: { redirect: '/prikbord' }, trainer: 403, coordinator: 403 }
		}
	],
	// The participant's own coping toolbox and support network: only they use these pages.
	'/(participant)/wat-helpt-mij': [
		{
			request: 'GET /wat-helpt-mij?pagina=2',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/wat-helpt-mij/ideeen': [
		{
			request: 'GET /wat-helpt-mij/ideeen?pagina=3',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /wat-helpt-mij/ideeen',
			body: { idee: 'bestaat-niet', pagina: '1' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/wat-helpt-mij/nieuw': [
		{
			request: 'GET /wat-helpt-mij/nieuw',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /wat-helpt-mij/nieuw',
			body: { tekst: '   ' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/wat-helpt-mij/[id]': [
		{
			request: `GET /wat-helpt-mij/${nobody}`,
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /wat-helpt-mij/geen-id',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /wat-helpt-mij/${nobody}?/cijfer`,
			body: { cijfer: '3' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /wat-helpt-mij/${nobody}?/tekst`,
			body: { tekst: 'route-inventaris' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /wat-helpt-mij/${nobody}?/weghalen`,
			body: { zeker: 'ja' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/steunnetwerk': [
		{
			request: 'GET /steunnetwerk',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/steunnetwerk/nieuw': [
		{
			request: 'GET /steunnetwerk/nieuw',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /steunnetwerk/nieuw',
			body: { naam: 'route-inventaris', contact: 'daily' },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/steunnetwerk/[id]': [
		{
			request: `GET /steunnetwerk/${nobody}`,
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /steunnetwerk/${nobody}?/opslaan`,
			body: { naam: 'route-inventaris', steun: 'talk', contact: 'daily' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: `POST /steunnetwerk/${nobody}?/weghalen`,
			body: { zeker: 'ja' },
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/werkboek': [
		{
			request: 'GET /werkboek',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	// The participant's own workbook (a PDF; printing it is logged).
	'/(participant)/werkboek/pdf': [
		{
			request: 'GET /werkboek/pdf',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /werkboek/pdf?groot=ja',
			expect: { anonymous: signIn, participant: 400, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/startlessen': [
		{
			request: 'GET /startlessen',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/startlessen/[les]': [
		{
			request: 'GET /startlessen/video?scherm=2',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /startlessen/video?scherm=9',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /startlessen/bestaat-niet',
			body: {},
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/modules/[nummer]': [
		{
			request: 'GET /modules/1',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /modules/x1',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/(participant)/modules/[nummer]/[stap]': [
		{
			request: 'GET /modules/1/01-wat-is-herstel',
			expect: { anonymous: signIn, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'GET /modules/1/99-bestaat-niet',
			expect: { anonymous: signIn, participant: 404, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /modules/1/03-wat-geeft-jou-hoop?/save',
			body: { answer: 'Mijn hond (route-inventaris)' },
			expect: { anonymous: 401, participant: 200, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /modules/1/03-wat-geeft-jou-hoop?/next',
			body: { answer: 'x'.repeat(4001) },
			expect: { anonymous: 401, participant: 400, trainer: 403, coordinator: 403 }
		},
		{
			request: 'POST /modules/1/99-bestaat-niet?/next',
			body: {},
			expect: { anonymous: 401, participant: 404, trainer: 403, coordinator: 403 }
		}
	],
	'/tekstgrootte': [
		{
			request: 'POST /tekstgrootte',
			body: { richting: 'groter', terug: '/hulp' },
			expect: {
				anonymous: { redirect: '/hulp' },
				participant: { redirect: '/hulp' },
				trainer: { redirect: '/hulp' },
				coordinator: { redirect: '/hulp' }
			}
		},
		{
			request: 'POST /tekstgrootte',
			body: { richting: 'heel-groot' },
			expect: { anonymous: 400, participant: 400, trainer: 400, coordinator: 400 }
		}
	],
	// Media stream only to whoever may see them; an unknown id is the same 404 for every role.
	'/api/media/[id]/[bestand]': [
		{
			request: 'GET /api/media/00000000-0000-4000-8000-000000000000/video',
			expect: { anonymous: 401, participant: 404, trainer: 404, coordinator: 404 }
		}
	],
	'/api/groepsbestand/[id]': [
		{
			request: `GET /api/groepsbestand/${nobody}`,
			expect: { anonymous: 401, participant: 404, trainer: 404, coordinator: 404 }
		}
	],
	// Trainers tailor only groups they train: a group id of nobody's is a 404 (the demo group is in the flows).
	'/(trainer)/trainer/groepen/[groep]/cursus': [
		{
			request: `GET /trainer/groepen/${nobody}/cursus`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus?/state`,
			body: { module: '1', state: 'open' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus?/state`,
			// Bad input for a group that is not theirs: still nothing to see (the page answers 404).
			body: { module: '1', state: 'weg' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus?/moveVersion`,
			body: {},
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus?/move`,
			body: { module: '1', richting: 'up' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus?/date`,
			body: { module: '1', datum: '2026-02-31' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/cursus/[nummer]': [
		{
			request: `GET /trainer/groepen/${nobody}/cursus/1`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus/1?/addItem`,
			body: { soort: 'text', titel: 'x', tekst: 'y' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus/1?/removeItem`,
			body: { stap: `eigen-${'0'.repeat(32)}`, zeker: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/cursus/1?/hide`,
			body: { stap: '01-wat-is-herstel', verborgen: 'ja' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/hulpvragen': [
		{
			request: `GET /trainer/groepen/${nobody}/hulpvragen`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/hulpvragen?/close`,
			body: { verzoek: nobody, notitie: 'Gebeld (route-inventaris)' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/intake/[deelnemer]': [
		{
			request: `GET /trainer/groepen/${nobody}/intake/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/intake/${nobody}`,
			body: { vraag: 'apparaat', apparaat: 'tablet' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/berichten': [
		{
			request: `GET /trainer/groepen/${nobody}/berichten`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/berichten/[deelnemer]': [
		{
			request: `GET /trainer/groepen/${nobody}/berichten/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/berichten/${nobody}`,
			body: { bericht: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/metingen': [
		{
			request: `GET /trainer/groepen/${nobody}/metingen`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/metingen`,
			body: { momenten: '0, 6, 12', deelnemerversie: '', begeleiderversie: '' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/metingen/[deelnemer]': [
		{
			request: `GET /trainer/groepen/${nobody}/metingen/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/metingen/[deelnemer]/invullen': [
		{
			request: `GET /trainer/groepen/${nobody}/metingen/${nobody}/invullen?moment=0`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/metingen/${nobody}/invullen`,
			body: { 'vraag-1': '3', klaar: 'nee' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/prikbord': [
		{
			request: `GET /trainer/groepen/${nobody}/prikbord`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/prikbord?/schrijf`,
			body: { tekst: 'route-inventaris', pagina: '1' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/prikbord?/modereer`,
			body: { bericht: nobody, doe: 'hide', reden: 'route-inventaris', pagina: '1' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/deze-week': [
		{
			request: `GET /trainer/groepen/${nobody}/deze-week`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `GET /trainer/groepen/${nobody}/deze-week?week=2026-02-31`,
			expect: { anonymous: signIn, participant: 403, trainer: 400, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/deze-week?/everyonePresent`,
			body: { sessie: nobody },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/doelen/[deelnemer]': [
		{
			request: `GET /trainer/groepen/${nobody}/doelen/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/doelen/${nobody}?/goal`,
			body: { gebied: 'work', doel: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/doelen/${nobody}?/step`,
			body: { doelId: nobody, stap: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang/[deelnemer]': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang/${nobody}`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang/[deelnemer]/werkboek': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang/${nobody}/werkboek`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang/[deelnemer]/werkboek/pdf': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang/${nobody}/werkboek/pdf?groot=1`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang/[deelnemer]/fhir': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang/${nobody}/fhir`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		}
	],
	'/(trainer)/trainer/groepen/[groep]/voortgang/[deelnemer]/invullen': [
		{
			request: `GET /trainer/groepen/${nobody}/voortgang/${nobody}/invullen`,
			expect: { anonymous: signIn, participant: 403, trainer: 404, coordinator: 403 }
		},
		{
			request: `POST /trainer/groepen/${nobody}/voortgang/${nobody}/invullen?/save`,
			body: { module: '1', stap: '01-wat-is-herstel', antwoord: 'route-inventaris' },
			expect: { anonymous: 401, participant: 403, trainer: 404, coordinator: 403 }
		}
	]
};

/** Route ids with their requests kinds, read from the files under src/routes. */
function inventory(): Map<string, Set<string>> {
	const routes = new Map<string, Set<string>>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			const id = `/${path.relative('src/routes', dir).split(path.sep).join('/')}`.replace(/\/$/, '') || '/';
			const kinds = routes.get(id) ?? new Set<string>();
			const source = entry.isFile() ? fs.readFileSync(full, 'utf8') : '';
			if (/^\+page(@[^.]*)?\.svelte$/.test(entry.name)) kinds.add('GET');
			if (entry.name === '+server.ts')
				for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
					kinds.add(method ?? '');
			if (entry.name === '+page.server.ts' && /export const actions/.test(source))
				for (const name of actionNames(full, source))
					kinds.add(name === 'default' ? 'POST' : `POST ?/${name}`);
			if (kinds.size > 0) routes.set(id, kinds);
		}
	};
	walk('src/routes');
	// The one path hooks.server.ts answers itself, before any route (metrics/token.ts says why).
	routes.set(METRICS_PATH, new Set(['GET']));
	return routes;
}

/**
 * Every key of a page's `actions`, whatever its value (`async …`, `answeredAction(…)`, a shared
 * action), written over several lines or on one, and the keys an actions factory returns
 * (`calendarActions(area)`, read from the factory's source). Fails on a shape it cannot read, so no
 * action escapes the inventory.
 */
function actionNames(file: string, source: string): string[] {
	const block = source.match(/^export const actions[^\n]*\{\n([\s\S]*?)^\}/m)?.[1];
	const line = source.match(/^export const actions[^\n=]*= \{([^\n]*)\}/m)?.[1];
	const text = block ?? line ?? source.match(/^export const actions[^\n=]*= (\w+\([^\n]*\));/m)?.[1];
	if (text === undefined) throw new Error(`${file}: write its actions as an object literal`);
	const names = [...text.matchAll(block ? /^\t(\w+)\s*[:,\n]/gm : /(?:^|[{,])\s*(\w+)\s*:/g)].map(
		([, name]) => name ?? ''
	);
	for (const [, factory] of text.matchAll(/(\w+Actions)\(/g)) {
		const from = source.match(
			new RegExp(`import \\{[^}]*\\b${factory}\\b[^}]*\\} from '\\$lib/([^']+)'`)
		)?.[1];
		if (!from) throw new Error(`${file}: cannot find where ${factory} comes from`);
		const body = fs
			.readFileSync(`src/lib/${from}.ts`, 'utf8')
			.match(new RegExp(`^export function ${factory}\\([\\s\\S]*?^\\}`, 'm'))?.[0];
		if (!body) throw new Error(`src/lib/${from}.ts: cannot read ${factory}`);
		names.push(...[...body.matchAll(/^\t\t(\w+): /gm)].map(([, name]) => name ?? ''));
	}
	if (names.length === 0) throw new Error(`${file}: no action found in its actions`);
	return names;
}

function kindOf(request: string): string {
	const [method, target = ''] = request.split(' ');
	const action = target.match(/\?\/(\w+)$/)?.[1];
	return action ? `POST ?/${action}` : (method ?? '');
}

const cookies: Partial<Record<Who, string>> = {};

async function cookieFor(email: string): Promise<string> {
	return (await signInOverHttp(inject('baseUrl'), email)).cookie;
}

// Another test file that imports the table runs none of the checks below.
const runsHere = expect.getState().testPath?.endsWith('route-inventory.test.ts') ?? false;

beforeAll(async () => {
	if (!runsHere) return;
	cookies.participant = await cookieFor(demo.participant);
	cookies.trainer = await cookieFor(demo.trainer);
	cookies.coordinator = await cookieFor(demo.coordinator);
});

describe.runIf(runsHere)('route inventory', () => {
	it('has an access-table entry for every route and request kind, and no stale entries', () => {
		const found = inventory();
		const missing: string[] = [];
		for (const [id, kinds] of found) {
			const covered = new Set((accessTable[id] ?? []).map((entry) => kindOf(entry.request)));
			for (const kind of kinds) if (!covered.has(kind)) missing.push(`${id} ${kind}`);
		}
		expect(missing, 'routes without an entry in the access table').toEqual([]);
		expect(Object.keys(accessTable).filter((id) => !found.has(id))).toEqual([]);
	});

	const whos: Who[] = ['anonymous', 'participant', 'trainer', 'coordinator'];
	for (const [id, entries] of Object.entries(accessTable)) {
		for (const entry of entries) {
			it(`${entry.request} (${id}) answers each role as the table says`, async () => {
				const base = inject('baseUrl');
				const [method, target] = entry.request.split(' ') as [string, string];
				for (const who of whos) {
					// Sign-out ends the session: use a fresh one so later checks keep theirs.
					const cookie =
						who === 'anonymous'
							? ''
							: method === 'POST' && target === '/uitloggen'
								? await cookieFor(demo[who as Exclude<Who, 'anonymous'>])
								: (cookies[who] ?? '');
					const response = await fetch(base + target, {
						method,
						redirect: 'manual',
						headers: {
							cookie,
							accept: 'text/html',
							origin: base,
							...(entry.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
						},
						body: entry.body ? new URLSearchParams(entry.body) : undefined
					});
					// A live stream stays open: its status is the answer.
					await response.body?.cancel();
					const expected = entry.expect[who];
					if (typeof expected === 'number') {
						expect(response.status, `${who} ${entry.request}`).toBe(expected);
					} else {
						expect([302, 303, 307], `${who} ${entry.request}`).toContain(response.status);
						expect(
							new URL(response.headers.get('location') ?? '', base).pathname,
							`${who} ${entry.request}`
						).toBe(expected.redirect);
					}
				}
			});
		}
	}
});
