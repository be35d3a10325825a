// Live updates shared by the pages: follows /api/v1/events (through one shared worker for all
// tabs, live-worker.js) and, on each 'topology' event, runs the page's refresh (at most one at a
// time, and one more if events arrived meanwhile); the indicator (#live) says whether the view is
// live, updated or stale.

const live = document.getElementById('live');

export function setLive(state, text) {
  if (live) {
    live.dataset.live = state;
    live.textContent = text;
  }
}

/**
 * @param refreshView async function that re-fetches and swaps in the page's live part
 * @param updatedText (event) => the indicator text after a successful refresh
 * @param what what may be stale, e.g. 'the view' or 'the trace'
 */
export function followTopology(refreshView, updatedText, what) {
  let running = null;
  let again = false;

  function refresh() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await refreshView();
      } while (again);
    })().finally(() => { running = null; });
    return running;
  }

  if (!window.EventSource) {
    setLive('stale', 'live updates not supported by this browser');
    return;
  }
  let lostConnection = false;

  const handlers = {
    open() {
      setLive('connected', 'live');
      if (lostConnection) {
        lostConnection = false;
        refresh().catch((error) => console.error(error));
      }
    },
    async topology(event) {
      try {
        await refresh();
        setLive('updated', updatedText(event));
      } catch (error) {
        console.error(error);
        setLive('stale', 'update failed: ' + what + ' may be stale');
      }
    },
    error() {
      lostConnection = true;
      setLive('stale', 'disconnected: ' + what + ' may be stale (reconnecting)');
    },
  };

  // A page left for another stays alive in the back/forward cache; its stream is closed on
  // leaving (it would hold a connection) and reopened, with a refresh since events were missed,
  // when the page comes back.
  let stream = openStream(handlers);
  window.addEventListener('pagehide', () => stream.close());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      lostConnection = true;
      setLive('connecting', 'reconnecting to live updates…');
      stream = openStream(handlers);
    }
  });
}

/**
 * Follows /api/v1/events through the shared worker (one connection for all tabs), or directly
 * where shared workers are not available. Returns {close()}.
 */
function openStream(handlers) {
  if (window.SharedWorker) {
    const worker = new SharedWorker('/js/live-worker.js', { name: 'hopscope-live' });
    worker.port.addEventListener('message', (message) => handlers[message.data.type](message.data));
    worker.port.start();
    return {
      close() {
        worker.port.postMessage('close');
        worker.port.close();
      },
    };
  }
  const events = new EventSource('/api/v1/events');
  events.addEventListener('open', () => handlers.open());
  events.addEventListener('topology', (event) => handlers.topology(event));
  events.addEventListener('error', () => handlers.error());
  return events;
}

/** A time as every page writes it: 2026-12-02 07:45:00 UTC (PageText.time on the server). */
export function utcTime(date = new Date()) {
  return date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}
