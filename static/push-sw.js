// Herstelpad's service worker: only shows reminders sent by web push, and opens the check-in when tapped.
self.addEventListener('push', (event) => {
	const message = event.data ? event.data.json() : { title: 'Herstelpad', body: '', url: '/' };
	event.waitUntil(
		self.registration.showNotification(message.title, { body: message.body, data: { url: message.url } })
	);
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	event.waitUntil(self.clients.openWindow(event.notification.data?.url ?? '/'));
});
