// Trace page: live updates. When the cluster changes (a 'topology' Server-Sent Event) the same
// trace is run again (the page's own URL) and its result swapped in without a reload; the
// indicator says whether the view is live, updated or stale. A snapshot never changes, so a
// trace against one does not listen.
import { renderDiagrams } from './diagram.js';

const live = document.getElementById('live');

function setLive(state, text) {
  if (live) {
    live.dataset.live = state;
    live.textContent = text;
  }
}

function verdict() {
  const element = document.getElementById('verdict');
  return element ? element.textContent.trim() : '';
}

async function rerun() {
  const response = await fetch(window.location.href, { headers: { Accept: 'text/html' } });
  if (!response.ok) {
    throw new Error('trace: HTTP ' + response.status);
  }
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const next = page.getElementById('trace-view');
  const current = document.getElementById('trace-view');
  if (!next || !current) {
    throw new Error('trace: no #trace-view in the response');
  }
  const datapath = page.getElementById('datapath');
  if (datapath && document.getElementById('datapath')) {
    document.getElementById('datapath').textContent = datapath.textContent;
  }
  const imported = document.importNode(next, true);
  current.replaceWith(imported);
  await renderDiagrams(imported);
}

// Events can come in bursts: at most one re-run at a time, and one more if events arrived meanwhile.
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
      await rerun();
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

function connect() {
  if (new URLSearchParams(window.location.search).get('snapshot')) {
    setLive('snapshot', 'snapshot: fixed in time');
    return;
  }
  if (!window.EventSource) {
    setLive('stale', 'live updates not supported by this browser');
    return;
  }
  let lostConnection = false;
  const events = new EventSource('/api/v1/events');
  events.addEventListener('open', () => {
    setLive('connected', 'live');
    if (lostConnection) {
      lostConnection = false;
      refresh().catch((error) => console.error(error));
    }
  });
  events.addEventListener('topology', async () => {
    const before = verdict();
    try {
      await refresh();
      const after = verdict();
      const changed = before && after && before !== after ? ' · verdict now ' + after : '';
      setLive('updated', 'cluster changed, trace re-run ' + new Date().toLocaleTimeString() + changed);
    } catch (error) {
      console.error(error);
      setLive('stale', 'update failed: the trace may be stale');
    }
  });
  events.addEventListener('error', () => {
    lostConnection = true;
    setLive('stale', 'disconnected: the trace may be stale (reconnecting)');
  });
}

connect();
