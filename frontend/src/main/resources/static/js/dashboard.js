// Dashboard: live updates over Server-Sent Events. On each 'topology' event the live part of the
// page (#view) is fetched again from /dashboard/view with the same filters and swapped in, keeping
// which sections are open; the indicator says whether the view is live, updated or stale.
import { renderDiagrams } from './diagram.js';
import { followTopology, utcTime } from './live.js';

function openSections(root) {
  return new Set([...root.querySelectorAll('details[id]')].filter((d) => d.open).map((d) => d.id));
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

function versionText(event) {
  try {
    return 'updated ' + utcTime() + ' (version ' + JSON.parse(event.data).version + ')';
  } catch (error) {
    return 'updated ' + utcTime();
  }
}

wireFilters(document);
followTopology(swapView, versionText, 'the view');
