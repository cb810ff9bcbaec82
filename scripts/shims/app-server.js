// Command-line tools run server modules outside a request: there is no request event to read.
export function getRequestEvent() {
	throw new Error('not inside a request');
}
