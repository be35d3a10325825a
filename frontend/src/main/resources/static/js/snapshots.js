// Snapshot pages: capture, import by upload, delete with confirmation, pick two to diff, and the
// share button (copies the page link). Text from the server is only ever set with textContent.

const status = document.getElementById('snapshot-status');

function say(text, kind) {
  if (status) {
    status.textContent = text;
    status.className = 'status ' + (kind || '');
  }
}

async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || ('HTTP ' + response.status);
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}

function wireCapture() {
  const form = document.getElementById('capture-form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = document.getElementById('capture-name').value;
    say('Capturing…');
    const response = await fetch('/api/v1/snapshots', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(name ? { name } : {}),
    });
    if (response.status !== 201) {
      say('Capture failed: ' + await problemText(response), 'bad');
      return;
    }
    const created = await response.json();
    window.location.assign(created.url);
  });
}

function contentTypeOf(file) {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.gz')) {
    return 'application/gzip';
  }
  return lower.endsWith('.json') ? 'application/json' : 'application/yaml';
}

function wireImport() {
  const input = document.getElementById('import-file');
  if (!input) {
    return;
  }
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) {
      return;
    }
    say('Importing ' + file.name + '…');
    showWarnings([]);
    // fileName names manifests; an export keeps the name it was exported with
    const response = await fetch('/api/v1/snapshots/import?fileName=' + encodeURIComponent(file.name), {
      method: 'POST',
      headers: { 'Content-Type': contentTypeOf(file), Accept: 'application/json' },
      body: file,
    });
    input.value = '';
    if (response.status !== 201) {
      say('Import failed: ' + await problemText(response), 'bad');
      return;
    }
    const created = await response.json();
    const warnings = created.warnings || [];
    if (warnings.length) {
      // the warnings stay readable: the list is not reloaded, the new snapshot is a link
      say('Imported "' + created.name + '" with ' + warnings.length + (warnings.length === 1 ? ' warning:' : ' warnings:'), 'ok');
      showWarnings(warnings);
      addOpenLink(created);
    } else {
      say('Imported "' + created.name + '".', 'ok');
      window.setTimeout(() => window.location.reload(), 600);
    }
  });
}

function showWarnings(warnings) {
  const list = document.getElementById('import-warnings');
  if (!list) {
    return;
  }
  list.replaceChildren(...warnings.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
  list.hidden = warnings.length === 0;
}

function addOpenLink(created) {
  if (!status || !created.url) {
    return;
  }
  const link = document.createElement('a');
  link.id = 'imported-link';
  link.href = created.url;
  link.textContent = 'Open it';
  status.append(' ', link);
}

function countDeleted() {
  const count = document.getElementById('snapshot-count');
  if (!count) {
    return;
  }
  const total = Math.max(0, Number(count.dataset.total) - 1);
  count.dataset.total = String(total);
  count.textContent = total + ' stored';
  if (!document.querySelector('#snapshots tbody tr')) {
    const table = document.querySelector('#snapshots');
    const empty = document.createElement('p');
    empty.id = 'no-snapshots';
    empty.className = 'muted';
    empty.textContent = 'No snapshots on this page.';
    table.closest('.table-wrap').replaceWith(empty);
  }
}

function wireDelete() {
  document.querySelectorAll('button.delete').forEach((button) => {
    button.addEventListener('click', async () => {
      const name = button.dataset.name;
      if (!window.confirm('Delete snapshot "' + name + '"? Its share link stops working.')) {
        return;
      }
      const response = await fetch('/api/v1/snapshots/' + encodeURIComponent(button.dataset.id), { method: 'DELETE' });
      if (response.status !== 204) {
        say('Delete failed: ' + await problemText(response), 'bad');
        return;
      }
      const row = button.closest('tr');
      if (row) {
        row.remove();
      }
      countDeleted();
      say('Deleted "' + name + '".', 'ok');
      updateDiffButton();
    });
  });
}

function picked() {
  return [...document.querySelectorAll('input.pick:checked')].map((box) => box.dataset.id);
}

function updateDiffButton() {
  const button = document.getElementById('diff-selected');
  if (button) {
    button.disabled = picked().length !== 2;
  }
}

function wireDiff() {
  document.querySelectorAll('input.pick').forEach((box) => box.addEventListener('change', updateDiffButton));
  const button = document.getElementById('diff-selected');
  if (!button) {
    return;
  }
  button.addEventListener('click', () => {
    const ids = picked();
    if (ids.length !== 2) {
      return;
    }
    // rows are newest first: diff from the older (lower) to the newer one
    const [newer, older] = ids;
    window.location.assign('/snapshots/' + encodeURIComponent(older) + '/diff/' + encodeURIComponent(newer));
  });
}

async function copy(text, box) {
  if (box) {
    const input = box.querySelector('input');
    input.value = text;
    box.hidden = false;
    input.select();
  }
  try {
    await navigator.clipboard.writeText(text);
    say('Link copied.', 'ok');
  } catch (e) {
    // no clipboard permission (e.g. plain http): the selected field lets the user copy by hand
    say('Copy the link from the field.', '');
  }
}

function wireShare() {
  document.querySelectorAll('button.share').forEach((button) => {
    button.addEventListener('click', () => {
      const url = new URL(button.dataset.url, window.location.origin).href;
      copy(url, document.querySelector('.share-box'));
    });
  });
}

// On a snapshot's dashboard the shared filters form must stay on this snapshot, not go live.
function keepFiltersOnSnapshot() {
  const banner = document.getElementById('snapshot-banner');
  const filters = document.getElementById('filters');
  if (banner && filters) {
    filters.setAttribute('action', window.location.pathname);
    filters.parentElement.querySelectorAll('a.btn.secondary').forEach((a) => {
      if (a.getAttribute('href') === '/') {
        a.setAttribute('href', window.location.pathname);
      }
    });
  }
  // the dashboard's links to the policies page stay on this snapshot too
  if (banner) {
    document.querySelectorAll('#view a[href^="/policies"]').forEach((a) => {
      const url = new URL(a.getAttribute('href'), window.location.origin);
      url.searchParams.set('snapshot', banner.dataset.id);
      a.setAttribute('href', url.pathname + url.search);
    });
  }
}

wireCapture();
wireImport();
wireDelete();
wireDiff();
wireShare();
keepFiltersOnSnapshot();
