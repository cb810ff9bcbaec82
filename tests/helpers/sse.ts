/** Reading answers that may be Server-Sent Event streams (live mode), without waiting for their end. */

/**
 * The text of an answer. A stream (text/event-stream) is read until its first whole message — every
 * live stream sends the current state first — or for at most `timeoutMs`, and then closed.
 */
export async function answerText(response: Response, timeoutMs = 15_000): Promise<string> {
	if (!response.headers.get('content-type')?.startsWith('text/event-stream') || !response.body)
		return response.text();
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const deadline = Date.now() + timeoutMs;
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		while (!/^data: .*\n\n/m.test(text) && Date.now() < deadline) {
			const timedOut = new Promise<null>(
				(resolve) => (timer = setTimeout(() => resolve(null), deadline - Date.now()))
			);
			const chunk = await Promise.race([reader.read(), timedOut]);
			clearTimeout(timer);
			if (chunk === null || chunk.done) break;
			text += decoder.decode(chunk.value, { stream: true });
		}
	} finally {
		clearTimeout(timer);
		await reader.cancel().catch(() => undefined);
	}
	return text;
}
