// The app's service worker: assets (addresses carry their content's hash) from the cache first; pages from the
// network, else the last copy kept, so a page already seen (the eForm with its draft) opens without a connection.
// Signed-in pages are not kept (they say no-store); the eForm keeps its draft on the device itself.
const CACHE = 'onedoor-citizen-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['/', '/track', '/complain', '/answers']))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const url = new URL(request.url);
  // The officers' workspace is never cached: its pages go to the network, as if there were no worker.
  if (url.pathname === '/office' || url.pathname.startsWith('/office/')) return;
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/forms/')) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, response.clone()));
            return response;
          }),
      ),
    );
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const keep = response.ok && !/no-store/.test(response.headers.get('cache-control') || '');
          if (keep) caches.open(CACHE).then((cache) => cache.put(request, response.clone()));
          return response;
        })
        .catch(() => caches.match(request).then((hit) => hit || caches.match('/'))),
    );
  }
});
