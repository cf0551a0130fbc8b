// DOM helpers: every string from the API goes in as text (textContent), never as HTML.

/** Makes an element: el('a', {className: 'x', href: '#/t'}, 'text', child, ...). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) { if (typeof v === 'function') node.addEventListener(k.slice(2), v); }
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const NA = 'not available';

/** True for a small cell the API suppressed ("<10"). */
export function suppressed(v) {
  return typeof v === 'string' && v.trim().startsWith('<');
}

/** The first value present among paths ('a.b' walks objects) of obj. */
export function pick(obj, ...paths) {
  for (const p of paths) {
    let v = obj;
    for (const part of p.split('.')) {
      v = v === undefined || v === null ? undefined : v[part];
    }
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** A list found at one of paths, else []. */
export function list(obj, ...paths) {
  const v = pick(obj, ...paths);
  return Array.isArray(v) ? v : [];
}

const INT = new Intl.NumberFormat('en', {maximumFractionDigits: 0});
const ONE = new Intl.NumberFormat('en', {maximumFractionDigits: 1, minimumFractionDigits: 1});
const TWO = new Intl.NumberFormat('en', {maximumFractionDigits: 2});

export function num(v) {
  if (suppressed(v)) return String(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return NA;
  return Math.abs(v) >= 100 || Number.isInteger(v) ? INT.format(v) : TWO.format(v);
}

export function hours(v) {
  if (suppressed(v)) return String(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return NA;
  return v >= 100 ? INT.format(v) : ONE.format(v);
}

/** A share given as a fraction (0..1) as a percentage. */
export function pct(v) {
  if (suppressed(v)) return String(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return NA;
  return ONE.format(v * 100) + ' %';
}

/** A growth ratio (0.12 = +12 %) with its sign. */
export function growth(v) {
  if (suppressed(v)) return String(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return NA;
  return (v > 0 ? '+' : v < 0 ? '−' : '') + ONE.format(Math.abs(v) * 100) + ' %';
}

/** A cell of a value: suppressed cells and missing ones marked by class. */
export function cell(text, raw, extra) {
  const cls = [extra, suppressed(raw) ? 'suppressed' : '', text === NA ? 'na' : ''].filter(Boolean).join(' ');
  return el('td', {className: cls || null}, text);
}

/** A headline figure card. */
export function kpi(label, value, note) {
  const cls = 'kpi' + (value === NA ? ' na' : '') + (suppressed(value) ? ' suppressed' : '');
  return el('div', {className: cls}, el('div', {className: 'kpi-label'}, label),
      el('div', {className: 'kpi-value'}, value), note ? el('div', {className: 'kpi-note'}, note) : null);
}

/** A titled panel. */
export function panel(title, subtitle, ...body) {
  return el('section', {className: 'panel'},
      el('header', {className: 'panel-head'}, el('h2', {}, title), subtitle ? el('p', {className: 'muted'}, subtitle) : null),
      ...body);
}

/** A titled panel with a CSV download link (the same list as the API's ?format=csv) in its header. */
export function csvPanel(title, subtitle, href, ...body) {
  const p = panel(title, subtitle, ...body);
  p.querySelector('.panel-head').prepend(el('a', {className: 'button ghost csv', href, download: ''}, 'CSV'));
  return p;
}

/** A table: columns [{label, value: row => [text, raw], className}], rows. */
export function table(columns, rows, attrs) {
  return el('table', Object.assign({className: 'data'}, attrs || {}),
      el('thead', {}, el('tr', {}, columns.map(c => el('th', {className: c.className || null}, c.label)))),
      el('tbody', {}, rows.length === 0
        ? el('tr', {}, el('td', {colspan: columns.length, className: 'empty'}, 'Nothing in this range.'))
        : rows.map(r => el('tr', {}, columns.map(c => {
          const v = c.value(r);
          if (v instanceof Node) return el('td', {className: c.className || null}, v);
          return cell(v[0], v[1], c.className);
        })))));
}

export function message(text, kind) {
  return el('div', {className: 'message ' + (kind || '')}, text);
}
