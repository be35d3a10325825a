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
    flowchart: { useMaxWidth: true, curve: 'basis', padding: 12, wrappingWidth: 320, nodeSpacing: 24, rankSpacing: 60 },
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

/** The rendered diagram as a standalone SVG document (text). */
export function diagramSvgText(figure) {
  const svg = diagramSvg(figure);
  if (!svg) {
    throw new Error('the diagram is not rendered yet');
  }
  return serializeSvg(svg);
}

/** The rendered diagram as a PNG blob (2x scale, white background). */
export function diagramPng(figure) {
  const svg = diagramSvg(figure);
  if (!svg) {
    return Promise.reject(new Error('the diagram is not rendered yet'));
  }
  return pngFromSvg(svg);
}

function pngFromSvg(svg) {
  const text = serializeSvg(svg);
  const box = svg.getBoundingClientRect();
  const scale = 2;
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(box.width * scale);
        canvas.height = Math.ceil(box.height * scale);
        const context = canvas.getContext('2d');
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png');
      } catch (error) {
        reject(error);
      }
    };
    image.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
    // a data: URL (not blob:) keeps the canvas untainted although labels are HTML in foreignObject
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
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
    if (!diagramSvg(figure)) {
      flash(button, 'Not rendered yet');
      return;
    }
    if (action === 'svg') {
      download(new Blob([diagramSvgText(figure)], { type: 'image/svg+xml' }), fileName(figure, 'svg'));
    } else if (action === 'png') {
      download(await diagramPng(figure), fileName(figure, 'png'));
    }
  } catch (error) {
    console.error(error);
    flash(button, 'Failed');
  }
}

document.addEventListener('click', onToolbarClick);
renderDiagrams(document);
