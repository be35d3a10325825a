// Dashboard: live updates over Server-Sent Events. On each 'topology' event the live part of the
// page (#view) is fetched again from /dashboard/view with the same filters and swapped in, keeping
// which sections are open; the indicator says whether the view is live, updated or stale.
import { renderDiagrams } from './diagram.js';

const live = document.getElementById('live');

function setLive(state, text) {
  if (live) {
    live.dataset.live = state;
    live.textContent = text;
  }
}

function openSections(root) {
  return new Set([...root.querySelectorAll('details[id]')].filter((d) => d.open).map((d) => d.id));
}

// Events can come in bursts: at most one refresh runs, and one more follows if events arrived meanwhile.
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
      await swapView();
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

async function swapView() {
  const current = document.getElementById('view');
  if (!current) {
    return;
  }
  const response = await fetch('/dashboard/view' + window.location.search, { headers: { Accept: 'text/html' } });
  if (!response.ok) {
    throw new Error('dashboard view: HTTP ' + response.status);
  }
  const template = document.createElement('template');
  template.innerHTML = await response.text();
  const next = template.content.querySelector('#view');
  if (!next) {
    throw new Error('dashboard view: no #view in the response');
  }
  const open = openSections(current);
  next.querySelectorAll('details[id]').forEach((d) => { d.open = open.has(d.id); });
  current.replaceWith(next);
  wireFilters(next);
  await renderDiagrams(next);
}

function wireFilters(root) {
  const form = root.querySelector('#filters');
  if (!form) {
    return;
  }
  form.querySelectorAll('select').forEach((select) => {
    select.addEventListener('change', () => form.requestSubmit());
  });
}

function connect() {
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
  events.addEventListener('topology', async (event) => {
    let version = '';
    try {
      version = ' (version ' + JSON.parse(event.data).version + ')';
    } catch (error) {
      // the refresh below does not need the payload
    }
    try {
      await refresh();
      setLive('updated', 'updated ' + new Date().toLocaleTimeString() + version);
    } catch (error) {
      console.error(error);
      setLive('stale', 'update failed: the view may be stale');
    }
  });
  events.addEventListener('error', () => {
    lostConnection = true;
    setLive('stale', 'disconnected: the view may be stale (reconnecting)');
  });
}

wireFilters(document);
connect();
