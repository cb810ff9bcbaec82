import { participantCourse } from '$lib/server/curriculum/course/queries';
import { getLocale } from '$lib/paraglide/runtime';
import { currentModule } from '$lib/domain/curriculum';
import type { PageServerLoad } from './$types';
import { participantPage } from '$lib/server/pages/shell';

/** Three modules per page: with the toolbar and paging that stays within seven links (PRODUCT.md). */
const PAGE_SIZE = 3;

export const load: PageServerLoad = (event) =>
	participantPage(event, async ({ url, locals }, actor) => {
		const course = await participantCourse(locals.db, actor, getLocale());
		if (!course) return { hasGroup: false, modules: [], page: 1, pages: 1 };
		const pages = Math.max(1, Math.ceil(course.modules.length / PAGE_SIZE));
		// Without a page asked for, show the page with the module the participant is in.
		const current = currentModule(course.modules);
		const currentPage = current ? Math.floor(course.modules.indexOf(current) / PAGE_SIZE) + 1 : 1;
		const asked = Number(url.searchParams.get('pagina'));
		const page = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : currentPage;
		return {
			hasGroup: true,
			anyOpen: course.modules.some((module) => module.state === 'open'),
			modules: course.modules
				.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
				.map(({ number, title, status, sessionDate, doneCount, stepKeys }) => ({
					number,
					title,
					status,
					sessionDate,
					doneCount,
					total: stepKeys.length
				})),
			page,
			pages
		};
	});
