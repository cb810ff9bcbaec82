/** POSTs JSON to a same-site endpoint and asks for JSON back (the passkey buttons use this). */
export function postJson(url: string, body: unknown): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
}
