/**
 * The IMR Scale as Herstelpad ships it: a participant and a clinician version, 15 scored items each
 * (plus one unscored question that decides whether the medication item is asked), five answers per
 * item, and three factors.
 *
 * The wording is **Herstelpad's own**, written to follow each item's domain of the IMR Scale; it is
 * not the validated (Dutch) wording and is marked as such (the own-wording extension, shown on every
 * screen of the questionnaire). An organisation that holds a licence for the validated wording imports
 * it as a new definition (same shape, its own url and version) and chooses it per group.
 *
 * Answers are listed in the same direction on every screen: the most difficult situation first.
 * Items about problems (complaints, relapses, admissions, alcohol, drugs) give the amount of the
 * problem as ordinal value and are reverse-scored, so a higher score always means doing better.
 * The factors follow the three the issue names; their item assignment is ours, documented here and
 * overridden by an imported definition's own.
 */
import { EXTENSION, type Language } from './questionnaire';

type Pair = [nl: string, en: string];

interface Domain {
	linkId: string;
	participant: Pair;
	clinician: Pair;
	answers: [Pair, Pair, Pair, Pair, Pair];
	reverse?: true;
	factor: 'coping' | 'knowledge_goals' | 'medication_substances';
}

const OFTEN: Domain['answers'] = [
	['Bijna altijd', 'Almost always'],
	['Vaak', 'Often'],
	['Soms', 'Sometimes'],
	['Zelden', 'Rarely'],
	['Nooit', 'Never']
];

const TIMES: Domain['answers'] = [
	['Vier keer of vaker', 'Four times or more'],
	['Drie keer', 'Three times'],
	['Twee keer', 'Twice'],
	['Eén keer', 'Once'],
	['Geen enkele keer', 'Not once']
];

const DOMAINS: Domain[] = [
	{
		linkId: '1',
		factor: 'knowledge_goals',
		participant: ['Hoe ver ben je met je eigen doelen?', 'How far along are you with your own goals?'],
		clinician: [
			'Hoe ver is de deelnemer met eigen doelen?',
			'How far along is the participant with their own goals?'
		],
		answers: [
			['Geen doel', 'No goal'],
			['Een doel, nog niets aan gedaan', 'A goal, nothing done yet'],
			['Een doel, een begin gemaakt', 'A goal, a start made'],
			['Een doel, flink op weg', 'A goal, well on the way'],
			['Een doel bereikt of bijna', 'A goal reached or nearly']
		]
	},
	{
		linkId: '2',
		factor: 'knowledge_goals',
		participant: [
			'Hoeveel weet je over je psychische klachten en wat helpt?',
			'How much do you know about your mental health problems and what helps?'
		],
		clinician: [
			'Hoeveel weet de deelnemer over de eigen klachten en wat helpt?',
			'How much does the participant know about their problems and what helps?'
		],
		answers: [
			['Bijna niets', 'Almost nothing'],
			['Een beetje', 'A little'],
			['Best wat', 'Quite a bit'],
			['Veel', 'A lot'],
			['Heel veel', 'A great deal']
		]
	},
	{
		linkId: '3',
		factor: 'knowledge_goals',
		participant: [
			'Hoe vaak denken familie of vrienden mee over je behandeling?',
			'How often do family or friends help think about your treatment?'
		],
		clinician: [
			'Hoe vaak denken familie of vrienden mee over de behandeling van de deelnemer?',
			"How often do family or friends help think about the participant's treatment?"
		],
		answers: [
			['Nooit, of er is niemand', 'Never, or there is nobody'],
			['Zelden', 'Rarely'],
			['Soms', 'Sometimes'],
			['Vaak', 'Often'],
			['Heel vaak', 'Very often']
		]
	},
	{
		linkId: '4',
		factor: 'coping',
		participant: [
			'Hoe vaak had je de laatste maand contact met mensen buiten je familie?',
			'How often were you in touch with people outside your family in the last month?'
		],
		clinician: [
			'Hoe vaak had de deelnemer de laatste maand contact met mensen buiten de familie?',
			'How often was the participant in touch with people outside the family in the last month?'
		],
		answers: [
			['Geen enkele keer', 'Not once'],
			['Eén keer', 'Once'],
			['Een paar keer', 'A few times'],
			['Elke week', 'Every week'],
			['Meer keren per week', 'Several times a week']
		]
	},
	{
		linkId: '5',
		factor: 'coping',
		participant: [
			'Hoeveel tijd gaat naar werk, school, vrijwilligerswerk of zorgen voor iemand?',
			'How much time goes to work, school, volunteering or caring for someone?'
		],
		clinician: [
			'Hoeveel tijd besteedt de deelnemer aan werk, school, vrijwilligerswerk of zorgen voor iemand?',
			'How much time does the participant spend on work, school, volunteering or caring for someone?'
		],
		answers: [
			['Geen tijd', 'No time'],
			['Een paar uur per maand', 'A few hours a month'],
			['Een paar uur per week', 'A few hours a week'],
			['Ongeveer de halve week', 'About half the week'],
			['Bijna elke dag', 'Almost every day']
		]
	},
	{
		linkId: '6',
		factor: 'coping',
		reverse: true,
		participant: [
			'Hoeveel last had je de laatste maand van je klachten?',
			'How much did your problems bother you in the last month?'
		],
		clinician: [
			'Hoeveel last had de deelnemer de laatste maand van de klachten?',
			'How much did their problems bother the participant in the last month?'
		],
		answers: [
			['Heel veel last', 'Very much'],
			['Veel last', 'Much'],
			['Best wat last', 'Quite a bit'],
			['Een beetje last', 'A little'],
			['Geen of bijna geen last', 'Not at all or hardly']
		]
	},
	{
		linkId: '7',
		factor: 'coping',
		reverse: true,
		participant: [
			'Hoe vaak zaten je klachten in de weg bij wat je wilt of moet doen?',
			'How often did your problems get in the way of what you want or need to do?'
		],
		clinician: [
			'Hoe vaak zaten de klachten de deelnemer in de weg bij dagelijkse dingen?',
			'How often did the problems get in the way of the participant’s daily life?'
		],
		answers: OFTEN
	},
	{
		linkId: '8',
		factor: 'knowledge_goals',
		participant: [
			'Weet je wat je doet als het slechter met je gaat?',
			'Do you know what to do when things get worse for you?'
		],
		clinician: [
			'Weet de deelnemer wat te doen als het slechter gaat?',
			'Does the participant know what to do when things get worse?'
		],
		answers: [
			['Geen plan', 'No plan'],
			['Er een beetje over nagedacht', 'Thought about it a little'],
			['Een paar dingen bedacht, niet opgeschreven', 'Some ideas, not written down'],
			['Een plan, nog niet af', 'A plan, not finished'],
			['Een plan dat af is en opgeschreven', 'A finished, written plan']
		]
	},
	{
		linkId: '9',
		factor: 'coping',
		reverse: true,
		participant: [
			'Hoe vaak kwamen je klachten het afgelopen jaar flink terug?',
			'How often did your problems come back badly in the past year?'
		],
		clinician: [
			'Hoe vaak kwamen de klachten van de deelnemer het afgelopen jaar flink terug?',
			"How often did the participant's problems come back badly in the past year?"
		],
		answers: TIMES
	},
	{
		linkId: '10',
		factor: 'coping',
		reverse: true,
		participant: [
			'Hoe vaak lag je het afgelopen jaar in een kliniek voor je psychische klachten?',
			'How often did you stay in a clinic for your mental health in the past year?'
		],
		clinician: [
			'Hoe vaak lag de deelnemer het afgelopen jaar in een kliniek voor psychische klachten?',
			'How often did the participant stay in a clinic for their mental health in the past year?'
		],
		answers: TIMES
	},
	{
		linkId: '11',
		factor: 'coping',
		participant: [
			'Hoe goed lukt het je om met je klachten om te gaan?',
			'How well do you manage your problems?'
		],
		clinician: [
			'Hoe goed lukt het de deelnemer om met de klachten om te gaan?',
			'How well does the participant manage their problems?'
		],
		answers: [
			['Helemaal niet', 'Not at all'],
			['Niet zo goed', 'Not so well'],
			['Redelijk', 'Fairly well'],
			['Goed', 'Well'],
			['Heel goed', 'Very well']
		]
	},
	{
		linkId: '12',
		factor: 'knowledge_goals',
		participant: [
			'Hoe vaak doe je mee aan zelfhulp of een groep van lotgenoten?',
			'How often do you take part in self-help or a peer group?'
		],
		clinician: [
			'Hoe vaak doet de deelnemer mee aan zelfhulp of een groep van lotgenoten?',
			'How often does the participant take part in self-help or a peer group?'
		],
		answers: [
			['Nooit, en weet er niets van', 'Never, and does not know about it'],
			['Weet ervan, doet niet mee', 'Knows about it, does not take part'],
			['Af en toe', 'Now and then'],
			['Regelmatig', 'Regularly'],
			['Elke week', 'Every week']
		]
	},
	{
		linkId: '13',
		factor: 'medication_substances',
		participant: [
			'Hoe vaak neem je je medicijnen zoals je met je arts hebt afgesproken?',
			'How often do you take your medicine as agreed with your doctor?'
		],
		clinician: [
			'Hoe vaak neemt de deelnemer de medicijnen zoals afgesproken?',
			'How often does the participant take their medicine as agreed?'
		],
		answers: [
			['Bijna nooit', 'Almost never'],
			['Soms', 'Sometimes'],
			['Ongeveer de helft van de keren', 'About half the time'],
			['Meestal', 'Mostly'],
			['Elke keer', 'Every time']
		]
	},
	{
		linkId: '14',
		factor: 'medication_substances',
		reverse: true,
		participant: [
			'Hoe vaak zat alcohol je de laatste maand in de weg?',
			'How often did alcohol get in your way in the last month?'
		],
		clinician: [
			'Hoe vaak zat alcohol de deelnemer de laatste maand in de weg?',
			'How often did alcohol get in the participant’s way in the last month?'
		],
		answers: OFTEN
	},
	{
		linkId: '15',
		factor: 'medication_substances',
		reverse: true,
		participant: [
			'Hoe vaak zaten drugs je de laatste maand in de weg?',
			'How often did drugs get in your way in the last month?'
		],
		clinician: [
			'Hoe vaak zaten drugs de deelnemer de laatste maand in de weg?',
			'How often did drugs get in the participant’s way in the last month?'
		],
		answers: OFTEN
	}
];

/** The unscored question before item 13: only who takes prescribed medicine is asked about taking it. */
const MEDICATION_QUESTION = {
	linkId: '13a',
	participant: [
		'Krijg je medicijnen voorgeschreven voor je psychische klachten?',
		'Are you prescribed medicine for your mental health?'
	] as Pair,
	clinician: [
		'Krijgt de deelnemer medicijnen voorgeschreven voor psychische klachten?',
		'Is the participant prescribed medicine for their mental health?'
	] as Pair
};

const FACTORS: { code: Domain['factor']; title: Pair }[] = [
	{ code: 'coping', title: ['Omgaan met de ziekte', 'Coping with the illness'] },
	{ code: 'knowledge_goals', title: ['Kennis en doelen', 'Knowledge and goals'] },
	{
		code: 'medication_substances',
		title: ['Medicijnen, minder alcohol en drugs', 'Medication, less alcohol and drugs']
	}
];

const INTRO: Record<'participant' | 'clinician', Pair> = {
	participant: [
		'Je krijgt 15 vragen over hoe het met je gaat. Bij elke vraag kies je wat het best past. Er is geen goed of fout. Je mag een vraag overslaan. Alles wordt meteen bewaard, dus je kunt stoppen en later verder gaan.',
		'You get 15 questions about how you are doing. For each question, choose what fits best. There is no right or wrong. You may skip a question. Everything is saved at once, so you can stop and go on later.'
	],
	clinician: [
		'15 vragen over hoe het met de deelnemer gaat, uit wat u weet van de afgelopen periode. Een vraag die u niet kunt beantwoorden slaat u over. Alles wordt meteen bewaard.',
		'15 questions about how the participant is doing, from what you know of the recent period. Skip a question you cannot answer. Everything is saved at once.'
	]
};

const TITLE: Record<'participant' | 'clinician', Pair> = {
	participant: ['IMR-schaal, deelnemer', 'IMR Scale, participant'],
	clinician: ['IMR-schaal, begeleider', 'IMR Scale, clinician']
};

/** The `_text` of a Dutch string with its English translation, as FHIR writes it. */
function translated([, en]: Pair, language: Language = 'en') {
	return {
		extension: [
			{
				url: EXTENSION.translation,
				extension: [
					{ url: 'lang', valueCode: language },
					{ url: 'content', valueString: en }
				]
			}
		]
	};
}

export const IMR_SCALE_VERSION = '1.0.0-herstelpad';
export const imrScaleUrl = (who: 'participant' | 'clinician') =>
	`https://herstelpad.nl/fhir/Questionnaire/imr-scale-${who}`;

/** The shipped IMR Scale as a FHIR R4 Questionnaire (Dutch, with English translations). */
export function imrScale(who: 'participant' | 'clinician') {
	// The value is the amount of what the item asks: of doing well, or (reverse-scored) of the problem.
	const valueAt = (index: number, count: number, reverse: boolean) => (reverse ? count - index : index + 1);
	const choice = (
		linkId: string,
		text: Pair,
		answers: Pair[],
		scoring: 'none' | 'plain' | 'reverse',
		extension: object[]
	) => ({
		linkId,
		text: text[0],
		_text: translated(text),
		type: 'choice',
		...(extension.length > 0 ? { extension } : {}),
		answerOption: answers.map((answer, index) => ({
			...(scoring === 'none'
				? {}
				: {
						extension: [
							{
								url: EXTENSION.ordinalValue,
								valueDecimal: valueAt(index, answers.length, scoring === 'reverse')
							}
						]
					}),
			valueCoding: { code: String(index + 1), display: answer[0], _display: translated(answer) }
		}))
	});
	const items: object[] = [];
	for (const domain of DOMAINS) {
		const extension = [
			{ url: EXTENSION.itemFactor, valueCode: domain.factor },
			...(domain.reverse ? [{ url: EXTENSION.reverse, valueBoolean: true }] : [])
		];
		if (domain.linkId === '13')
			items.push(
				choice(
					MEDICATION_QUESTION.linkId,
					MEDICATION_QUESTION[who],
					[
						['Ja', 'Yes'],
						['Nee', 'No']
					],
					'none',
					[]
				)
			);
		const item = choice(
			domain.linkId,
			domain[who],
			domain.answers,
			domain.reverse ? 'reverse' : 'plain',
			extension
		);
		items.push(
			domain.linkId === '13'
				? { ...item, enableWhen: [{ question: '13a', operator: '=', answerCoding: { code: '1' } }] }
				: item
		);
	}
	return {
		resourceType: 'Questionnaire',
		url: imrScaleUrl(who),
		version: IMR_SCALE_VERSION,
		name: who === 'participant' ? 'IMRScaleParticipantHerstelpad' : 'IMRScaleClinicianHerstelpad',
		title: TITLE[who][0],
		_title: translated(TITLE[who]),
		status: 'active',
		language: 'nl',
		description: INTRO[who][0],
		_description: translated(INTRO[who]),
		extension: [
			{ url: EXTENSION.purpose, valueCode: who === 'participant' ? 'imr_participant' : 'imr_clinician' },
			{ url: EXTENSION.ownWording, valueBoolean: true },
			{ url: EXTENSION.minAnswered, valueDecimal: 0.8 },
			...FACTORS.map((factor) => ({
				url: EXTENSION.factor,
				extension: [
					{ url: 'code', valueCode: factor.code },
					{ url: 'title', valueString: factor.title[0], _valueString: translated(factor.title) }
				]
			}))
		],
		item: items
	};
}
