// Trace page: searchable pickers (datalists filtered by namespace, containers of the chosen pod),
// composing the submitted from/to parameters, and copy buttons for verify commands and the
// permalink. Diagrams are rendered by diagram.js (loaded by the layout).

const $ = (id) => document.getElementById(id);

const form = $('trace-form');
// From and To each have their own pod list: filtering one never hides pods in the other
const fromPodOptions = [...document.querySelectorAll('#from-pod-options option')];
const toPodOptions = [...document.querySelectorAll('#to-pod-options option')];
const serviceOptions = [...document.querySelectorAll('#service-options option')];
const dnsOptions = [...document.querySelectorAll('#dns-options option')];

const listsByKind = { pod: 'to-pod-options', service: 'service-options', dns: 'dns-options', ip: '' };
const placeholders = {
  pod: 'namespace/pod', service: 'namespace/service', dns: 'name, name.namespace or FQDN', ip: '10.0.0.1',
};

function podOption(ref) {
  return fromPodOptions.find((o) => o.value === ref);
}

/** Shows only the options of one namespace in a datalist (empty = all). */
function filterOptions(options, namespace) {
  options.forEach((o) => {
    o.disabled = Boolean(namespace) && o.dataset.namespace !== namespace;
  });
}

function fillContainers(select, podRef, emptyLabel) {
  const option = podOption(podRef);
  const wanted = select.dataset.selected || select.value;
  select.replaceChildren(new Option(emptyLabel, ''));
  if (option && option.dataset.containers) {
    option.dataset.containers.split(',').filter(Boolean).forEach((name) => {
      select.add(new Option(name, name, false, name === wanted));
    });
  }
  delete select.dataset.selected;
}

function syncTargetKind() {
  const kind = $('to-kind').value;
  const input = $('to-value');
  const list = listsByKind[kind];
  if (list) {
    input.setAttribute('list', list);
  } else {
    input.removeAttribute('list');
  }
  input.placeholder = placeholders[kind];
  $('to-container-label').hidden = kind !== 'pod';
  $('to-namespace').disabled = kind === 'ip';
}

/** The namespace of a picked value (ns/name, or name.ns... for DNS), if the select offers it. */
function namespaceOf(kind, value) {
  let namespace = '';
  if (kind === 'pod' || kind === 'service') {
    namespace = value.includes('/') ? value.split('/')[0] : '';
  } else if (kind === 'dns') {
    const option = dnsOptions.find((o) => o.value === value);
    namespace = option ? option.dataset.namespace : '';
  }
  return namespace;
}

/** After a submit the namespace selects show the namespaces of the traced pod and target. */
function restoreNamespace(select, namespace) {
  if (namespace && [...select.options].some((o) => o.value === namespace)) {
    select.value = namespace;
  }
}

function filterTargets() {
  const namespace = $('to-namespace').disabled ? '' : $('to-namespace').value;
  filterOptions(toPodOptions, namespace);
  filterOptions(serviceOptions, namespace);
  filterOptions(dnsOptions, namespace);
}

function compose() {
  const pod = $('from-pod').value.trim();
  const fromContainer = $('from-container').value;
  $('from').value = fromContainer ? `${pod}:${fromContainer}` : pod;
  const kind = $('to-kind').value;
  const value = $('to-value').value.trim();
  const toContainer = $('to-container').value;
  if (kind === 'pod') {
    $('to').value = toContainer ? `${value}:${toContainer}` : value;
  } else {
    $('to').value = `${kind}:${value}`;
  }
  const port = $('port');
  port.disabled = port.value.trim() === '';
}

async function copy(text, button) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
    } else {
      const area = document.createElement('textarea');
      area.value = text;
      area.className = 'offscreen';
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    button.textContent = 'Copied';
  } catch (error) {
    console.error(error);
    button.textContent = 'Failed';
  }
  setTimeout(() => { button.textContent = button.dataset.label || 'Copy'; }, 1500);
}

if (form) {
  $('from-namespace').addEventListener('change', (e) => filterOptions(fromPodOptions, e.target.value));
  $('to-namespace').addEventListener('change', filterTargets);
  $('from-pod').addEventListener('input', (e) => fillContainers($('from-container'), e.target.value.trim(), '(first)'));
  $('to-value').addEventListener('input', (e) => {
    if ($('to-kind').value === 'pod') {
      fillContainers($('to-container'), e.target.value.trim(), '(any)');
    }
  });
  $('to-kind').addEventListener('change', () => {
    $('to-value').value = '';
    syncTargetKind();
    filterTargets();
  });
  form.addEventListener('submit', compose);
  fillContainers($('from-container'), $('from-pod').value.trim(), '(first)');
  fillContainers($('to-container'), $('to-value').value.trim(), '(any)');
  syncTargetKind();
  restoreNamespace($('from-namespace'), namespaceOf('pod', $('from-pod').value.trim()));
  restoreNamespace($('to-namespace'), namespaceOf($('to-kind').value, $('to-value').value.trim()));
  filterOptions(fromPodOptions, $('from-namespace').value);
  filterTargets();
  form.dataset.ready = 'true';
}

document.addEventListener('click', (event) => {
  const command = event.target.closest('button[data-copy]');
  if (command) {
    command.dataset.label = command.dataset.label || command.textContent;
    copy(command.dataset.copy, command);
    return;
  }
  const link = event.target.closest('button[data-copy-href]');
  if (link) {
    link.dataset.label = link.dataset.label || link.textContent;
    copy($(link.dataset.copyHref).href, link);
  }
});
