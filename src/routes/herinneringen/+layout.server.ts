// The frame's data (language, who is signed in, session limits, a kept form): src/lib/server/pages/shell.ts.
export { shellData as load } from '$lib/server/pages/shell';
