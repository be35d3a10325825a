// Mermaid diagrams shared by every page: renders each <pre class="mermaid"> (source built and
// escaped on the server) and wires the toolbar of the layout's diagram fragment (copy the Mermaid
// source, download SVG or PNG). No inline scripts anywhere: pages import this module.
//
//   import { renderDiagrams } from '/js/diagram.js';
//   await renderDiagrams(containerWhoseHtmlWasJustReplaced);
//
// Each figure.diagram gets data-state="rendering" | "rendered" | "error" (UI tests wait on it).

let initialized = false;

function mermaidApi() {
  if (!window.mermaid) {
    throw new Error('Mermaid bundle not loaded (expected /webjars/mermaid/dist/mermaid.min.js)');
  }
  return window.mermaid;
}

function initialize() {
  if (initialized) {
    return;
  }
  mermaidApi().initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'neutral',
    // HTML labels decode the server's Mermaid entity codes (#lt; ...) into literal text.
    flowchart: { useMaxWidth: true, curve: 'basis', padding: 12 },
    maxTextSize: 50000,
    maxEdges: 500,
  });
  initialized = true;
}

function setState(pre, state) {
  const figure = pre.closest('figure.diagram');
  (figure || pre).dataset.state = state;
}

/** Renders every not yet rendered pre.mermaid under root; resolves when all are done. */
export async function renderDiagrams(root = document) {
  initialize();
  const pending = [...root.querySelectorAll('pre.mermaid:not([data-processed])')];
  if (root instanceof Element && root.matches('pre.mermaid:not([data-processed])')) {
    pending.push(root);
  }
  for (const pre of pending) {
    if (pre.dataset.source === undefined) {
      pre.dataset.source = pre.textContent;
    }
    setState(pre, 'rendering');
  }
  for (const pre of pending) {
    try {
      await mermaidApi().run({ nodes: [pre], suppressErrors: false });
      const failed = pre.querySelector('svg[aria-roledescription="error"]');
      setState(pre, failed ? 'error' : 'rendered');
    } catch (error) {
      console.error('Mermaid could not render a diagram', error);
      setState(pre, 'error');
    }
  }
}

/** The Mermaid source of a diagram figure, as sent by the server. */
export function diagramSource(figure) {
  const pre = figure.querySelector('pre.mermaid');
  return pre ? (pre.dataset.source ?? pre.textContent) : '';
}

function diagramSvg(figure) {
  return figure.querySelector('pre.mermaid svg');
}

function fileName(figure, extension) {
  return (figure.id || 'diagram') + '.' + extension;
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function serializeSvg(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  copy.setAttribute('width', String(Math.ceil(box.width)));
  copy.setAttribute('height', String(Math.ceil(box.height)));
  copy.style.maxWidth = 'none';
  return new XMLSerializer().serializeToString(copy);
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

function pngFromSvg(svg) {
  const text = serializeSvg(svg);
  const box = svg.getBoundingClientRect();
  const scale = 2;
  return new Promise((resolve, reject) => {
    const image = new Image();
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(box.width * scale);
      canvas.height = Math.ceil(box.height * scale);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png');
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('SVG could not be loaded as an image'));
    };
    image.src = url;
  });
}

function flash(button, text) {
  const original = button.dataset.label ?? button.textContent;
  button.dataset.label = original;
  button.textContent = text;
  setTimeout(() => { button.textContent = original; }, 1500);
}

async function onToolbarClick(event) {
  const button = event.target.closest('[data-diagram-action]');
  if (!button) {
    return;
  }
  const figure = button.closest('figure.diagram');
  if (!figure) {
    return;
  }
  const action = button.dataset.diagramAction;
  try {
    if (action === 'copy') {
      await copyText(diagramSource(figure));
      flash(button, 'Copied');
      return;
    }
    const svg = diagramSvg(figure);
    if (!svg) {
      flash(button, 'Not rendered yet');
      return;
    }
    if (action === 'svg') {
      download(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }), fileName(figure, 'svg'));
    } else if (action === 'png') {
      download(await pngFromSvg(svg), fileName(figure, 'png'));
    }
  } catch (error) {
    console.error(error);
    flash(button, 'Failed');
  }
}

document.addEventListener('click', onToolbarClick);
renderDiagrams(document);
