// Live updates shared by the pages: follows /api/v1/events and, on each 'topology' event, runs
// the page's refresh (at most one at a time, and one more if events arrived meanwhile); the
// indicator (#live) says whether the view is live, updated or stale.

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

  function connect() {
    const events = new EventSource('/api/v1/events');
    events.addEventListener('open', () => {
      setLive('connected', 'live');
      if (lostConnection) {
        lostConnection = false;
        refresh().catch((error) => console.error(error));
      }
    });
    events.addEventListener('topology', async (event) => {
      try {
        await refresh();
        setLive('updated', updatedText(event));
      } catch (error) {
        console.error(error);
        setLive('stale', 'update failed: ' + what + ' may be stale');
      }
    });
    events.addEventListener('error', () => {
      lostConnection = true;
      setLive('stale', 'disconnected: ' + what + ' may be stale (reconnecting)');
    });
    return events;
  }

  // A page left for another keeps its stream open in Chrome's back/forward cache, holding one of
  // the six HTTP/1.1 connections a browser allows per server; after six pages the next one would
  // wait for a free connection. So the stream is closed on leaving, and reopened (with a refresh,
  // since events were missed) when the page comes back from that cache.
  let events = connect();
  window.addEventListener('pagehide', () => events.close());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      lostConnection = true;
      setLive('connecting', 'reconnecting to live updates…');
      events = connect();
    }
  });
}
