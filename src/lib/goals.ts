/** Words for goals shown in the browser: life areas with an example each (messages goal_area_*). */
import type { LifeArea } from '$lib/domain/goals';
import { m } from '$lib/paraglide/messages.js';

const labels: Record<LifeArea, () => string> = {
	housing: m.goal_area_housing,
	work: m.goal_area_work,
	relationships: m.goal_area_relationships,
	health: m.goal_area_health,
	leisure: m.goal_area_leisure,
	learning: m.goal_area_learning,
	meaning: m.goal_area_meaning
};

const examples: Record<LifeArea, () => string> = {
	housing: m.goal_example_housing,
	work: m.goal_example_work,
	relationships: m.goal_example_relationships,
	health: m.goal_example_health,
	leisure: m.goal_example_leisure,
	learning: m.goal_example_learning,
	meaning: m.goal_example_meaning
};

export const lifeAreaLabel = (area: LifeArea): string => labels[area]();
export const lifeAreaExample = (area: LifeArea): string => examples[area]();
