// The baseline for BENCHMARKS.md: an empty SvelteKit 2 page with the same adapter and versions.
import adapter from '@sveltejs/adapter-node';

export default { kit: { adapter: adapter({ out: 'build', precompress: true }) } };
