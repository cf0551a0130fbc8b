// The audience builder: the rule form and its JSON side by side, the live size estimate and
// composition as you edit (debounced: at most one request in flight and two a second), the API's
// error next to the editor with the node it names marked, and save. #/audience-new?copy=ID starts
// from a saved audience's rule.
import * as api from './api.js';
import {el, fill, kpi, message, panel} from './dom.js';
import {FormError, editor, errorPath, group, nodeAt, pretty, rootOf, toRule} from './audience-rule.js';
import {composition, size} from './audience-view.js';

const DEBOUNCE_MS = 300;
const MIN_GAP_MS = 500;

export default async function builder(ctx) {
  ctx.title('New audience', [['Audiences', '#/audiences']]);
  ctx.note('The estimate counts who matches now, with the consent rules; nothing is saved until you save.');
  const copy = ctx.query.get('copy');
  let root = group('and', []);
  let name = '';
  if (copy) {
    const saved = await api.get('/v1/audiences/' + encodeURIComponent(copy));
    root = rootOf(saved.rule);
    name = 'Copy of ' + saved.name;
  }

  const error = el('p', {id: 'rule-error', className: 'error rule-error', role: 'alert'});
  const json = el('textarea', {id: 'rule-json', className: 'rule-json', rows: 14, spellcheck: 'false',
    'aria-label': 'The rule as JSON'});
  const sizeBox = el('div', {id: 'estimate'});
  const comp = el('div', {id: 'estimate-composition-box'});
  const took = el('p', {id: 'estimate-took', className: 'muted small'});
  const nameInput = el('input', {id: 'audience-name', type: 'text', placeholder: 'Audience name', maxlength: 200, value: name});
  const save = el('button', {id: 'save-audience', type: 'submit', className: 'primary'}, 'Save audience');
  let paths = new Map();
  let marked = null;
  let timer = null;
  let inflight = false;
  let again = false;
  let lastStart = 0;
  let seq = 0;
  const form = editor(root, () => {
    syncJson();
    schedule();
  });

  /** The rule of the form now, with each node's path; a FormError names a node that is not JSON. */
  function rule() {
    paths = new Map();
    return toRule(form.root(), '$', paths);
  }

  function syncJson() {
    if (document.activeElement === json) return;
    try {
      json.value = pretty(rule());
      json.classList.remove('stale');
    } catch (e) {
      // a JSON leaf being typed: the last whole rule stays, dimmed, until it parses again
      json.classList.add('stale');
    }
  }

  function mark(node, text) {
    if (marked) marked.classList.remove('invalid');
    marked = node ? form.nodes.get(node) || null : null;
    if (marked) marked.classList.add('invalid');
    fill(error, text || '');
    sizeBox.classList.toggle('stale', Boolean(text));
  }

  function showError(text) {
    const path = errorPath(text);
    mark(path ? nodeAt(paths, path) : null, text);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  async function run() {
    if (!json.isConnected) return;
    if (inflight) {
      again = true;
      return;
    }
    const wait = lastStart + MIN_GAP_MS - Date.now();
    if (wait > 0) {
      timer = setTimeout(run, wait);
      return;
    }
    let r;
    try {
      r = rule();
    } catch (e) {
      if (e instanceof FormError) mark(e.node, 'This condition is ' + e.message);
      return;
    }
    if (form.root().items.length === 0) {
      mark(null, '');
      fill(sizeBox, message('Add a condition to see how many users it selects.', 'na'));
      fill(comp);
      fill(took);
      return;
    }
    const mine = ++seq;
    inflight = true;
    lastStart = Date.now();
    sizeBox.classList.add('busy');
    try {
      const est = await api.send('POST', '/v1/audiences/estimate', {rule: r});
      if (mine !== seq || !json.isConnected) return;
      mark(null, '');
      fill(sizeBox, kpi('Estimated size', size(est.size), 'users matching now'));
      sizeBox.dataset.size = String(est.size);
      fill(comp, composition(est, 'estimate-composition'));
      fill(took, 'Estimated in ' + est.took_ms + ' ms, as of ' + String(est.as_of).replace('T', ' ').slice(0, 19) + ' UTC');
    } catch (e) {
      if (mine !== seq) return;
      if (e instanceof api.SignedOut) location.reload();
      showError(e.message);
    } finally {
      inflight = false;
      sizeBox.classList.remove('busy');
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  json.addEventListener('input', () => {
    let parsed;
    try {
      parsed = JSON.parse(json.value);
    } catch (e) {
      mark(null, 'JSON: ' + e.message);
      return;
    }
    form.setRoot(rootOf(parsed));
    schedule();
  });
  json.addEventListener('blur', syncJson);

  const saveForm = el('form', {id: 'save-form', className: 'save-form'}, nameInput, save);
  saveForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    let r;
    try {
      r = rule();
    } catch (e) {
      mark(e.node, 'This condition is ' + e.message);
      return;
    }
    save.disabled = true;
    try {
      const out = await api.send('POST', '/v1/audiences', {name: nameInput.value, rule: r});
      location.hash = '#/audience/' + encodeURIComponent(out.id);
    } catch (e) {
      if (e instanceof api.SignedOut) location.reload();
      showError(e.message);
    } finally {
      save.disabled = false;
    }
  });

  syncJson();
  schedule();
  return [
    el('div', {className: 'builder'},
        panel('Rule', 'Conditions on demographics, interests and viewing; “Other (JSON)” takes any node of the grammar '
            + '(partner attributes, ratings, member_of, …; docs/audiences.md).',
            form.node, error,
            el('details', {className: 'json-box', open: true}, el('summary', {}, 'The rule as JSON (editable)'), json)),
        el('div', {className: 'builder-side'},
            panel('Estimate', 'Sizes and cells under 10 are shown as <10.', sizeBox, took, comp),
            panel('Save', null, saveForm))),
  ];
}
builder.noRange = true;
