// Trace page: live updates. When the cluster changes (a 'topology' Server-Sent Event) the same
// trace is run again (the page's own URL) and its result swapped in without a reload; the
// indicator says whether the view is live, updated or stale. A snapshot never changes, so a
// trace against one does not listen.
import { renderDiagrams } from './diagram.js';
import { followTopology, setLive, utcTime } from './live.js';

function verdict() {
  const element = document.getElementById('verdict');
  return element ? element.textContent.trim() : '';
}

let verdictChange = '';

async function rerun() {
  const before = verdict();
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
  const after = verdict();
  verdictChange = before && after && before !== after ? ' · verdict now ' + after : verdictChange;
}

function updatedText() {
  const text = 'cluster changed, trace re-run ' + utcTime() + verdictChange;
  verdictChange = '';
  return text;
}

if (new URLSearchParams(window.location.search).get('snapshot')) {
  setLive('snapshot', 'snapshot: fixed in time');
} else {
  followTopology(rerun, updatedText, 'the trace');
}
