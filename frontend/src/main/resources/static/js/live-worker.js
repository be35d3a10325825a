// One Server-Sent Events stream for every Hopscope tab of this browser. Browsers allow six
// HTTP/1.1 connections per server, and an open stream holds one for as long as its page is open,
// so with a stream per tab the seventh tab could not load. Pages connect to this shared worker
// instead (see live.js) and receive from it:
//   {type: 'open'}                            the stream is connected
//   {type: 'error'}                           the stream broke; the browser is reconnecting
//   {type: 'topology', data, lastEventId}     a 'topology' event, as the server sent it
// A page posts 'close' when it is left; the stream closes when no page is left.

const pages = new Set();
let events = null;
// the stream's state as last broadcast (open or error); null until the first one
let last = null;

function broadcast(message) {
  for (const page of pages) {
    page.postMessage(message);
  }
}

function connect() {
  events = new EventSource('/api/v1/events');
  events.addEventListener('open', () => {
    last = { type: 'open' };
    broadcast(last);
  });
  events.addEventListener('error', () => {
    last = { type: 'error' };
    broadcast(last);
  });
  events.addEventListener('topology', (event) => {
    broadcast({ type: 'topology', data: event.data, lastEventId: event.lastEventId });
  });
}

self.addEventListener('connect', (connection) => {
  const page = connection.ports[0];
  pages.add(page);
  page.addEventListener('message', (message) => {
    if (message.data === 'close') {
      pages.delete(page);
      if (pages.size === 0 && events) {
        events.close();
        events = null;
      }
    }
  });
  page.start();
  if (!events || events.readyState === EventSource.CLOSED) {
    // none yet, or one the browser gave up on (it does after a non-2xx answer): a new page retries
    last = null;
    connect();
  } else if (last) {
    page.postMessage(last); // a page joining a stream that is open, or reconnecting, learns which
  }
});
