// The audience rule editor: a form for the common leaves (age bracket, gender, country, interest,
// watched a title/series/genre, lapsed) in groups combined with all of / any of, each negatable,
// and a raw JSON leaf for every other node of the grammar (docs/audiences.md). The form is a model
// (groups and leaves) turned into the rule JSON by toRule, which also records the JSON path of each
// node so that the API's 400 ("$.and[1].watched.asset_id: is required") can mark the node it names.
import {el, fill} from './dom.js';

export const AGE_BRACKETS = ['<13', '13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
export const GENDERS = ['female', 'male', 'non-binary'];
const TYPES = [['age_bracket', 'Age bracket'], ['gender', 'Gender'], ['country', 'Country'], ['interest', 'Interest'],
  ['watched', 'Watched'], ['lapsed', 'Lapsed'], ['json', 'Other (JSON)']];
const TARGETS = [['asset_id', 'the title'], ['series_id', 'the series'], ['genre', 'the genre']];
const WATCHED_KEYS = ['asset_id', 'series_id', 'genre', 'last_days', 'min_views', 'min_hours'];

export function group(op, items) {
  return {kind: 'group', op: op || 'and', not: false, items: items || []};
}

export function leaf(type) {
  const base = {kind: 'leaf', type, not: false};
  switch (type) {
    case 'age_bracket': case 'gender': return Object.assign(base, {values: []});
    case 'watched': return Object.assign(base, {target: 'asset_id', value: '', last_days: '30', min_views: '', min_hours: ''});
    case 'lapsed': return Object.assign(base, {days: '30'});
    case 'json': return Object.assign(base, {text: '{"rated": {"asset_id": "", "min": 4}}'});
    default: return Object.assign(base, {text: ''});
  }
}

/** A form number as the JSON number it reads as, else the text as typed (the API names it), else absent. */
function number(text) {
  const t = String(text ?? '').trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

function words(text) {
  return [...new Set(String(text || '').split(/[,\s]+/).map(s => s.trim()).filter(Boolean))];
}

/** A rule as indented JSON, with each list of plain values on one line. */
export function pretty(v, indent) {
  const pad = indent || '';
  const inner = pad + '  ';
  if (Array.isArray(v)) {
    if (v.every(x => x === null || typeof x !== 'object')) return '[' + v.map(x => JSON.stringify(x)).join(', ') + ']';
    return '[\n' + v.map(x => inner + pretty(x, inner)).join(',\n') + '\n' + pad + ']';
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 0) return '{}';
    return '{\n' + keys.map(k => inner + JSON.stringify(k) + ': ' + pretty(v[k], inner)).join(',\n') + '\n' + pad + '}';
  }
  return JSON.stringify(v);
}

/** Thrown for a form that cannot become JSON (a JSON leaf that does not parse): the node and why. */
export class FormError extends Error {
  constructor(node, text) {
    super(text);
    this.node = node;
  }
}

function leafRule(n) {
  switch (n.type) {
    case 'age_bracket': case 'gender': return {[n.type]: n.values.slice()};
    case 'country': return {country: words(n.text).map(s => s.toUpperCase())};
    case 'interest': return {interest: words(n.text)};
    case 'watched': {
      const w = {[n.target]: n.value.trim()};
      for (const k of ['last_days', 'min_views', 'min_hours']) {
        const v = number(n[k]);
        if (v !== undefined) w[k] = v;
      }
      return {watched: w};
    }
    case 'lapsed': return {lapsed: {days: number(n.days)}};
    default:
      try {
        return JSON.parse(n.text);
      } catch (e) {
        throw new FormError(n, 'not valid JSON: ' + e.message);
      }
  }
}

/**
 * The rule of the model; paths gets each node's JSON path (the node itself, under a not: the
 * path of what the not holds, as the API names it).
 */
export function toRule(n, path, paths) {
  const inner = n.not ? path + '.not' : path;
  paths.set(n, inner);
  let r;
  if (n.kind === 'group') {
    r = {[n.op]: n.items.map((it, i) => toRule(it, inner + '.' + n.op + '[' + i + ']', paths))};
  } else {
    r = leafRule(n);
  }
  return n.not ? {not: r} : r;
}

function strings(v, allowed) {
  const list = typeof v === 'string' ? [v] : Array.isArray(v) && v.every(s => typeof s === 'string') ? v : null;
  if (!list || list.length === 0) return null;
  return allowed && !list.every(s => allowed.includes(s)) ? null : list;
}

function single(r) {
  return r && typeof r === 'object' && !Array.isArray(r) && Object.keys(r).length === 1 ? Object.keys(r)[0] : null;
}

/** The model of a rule: the form's leaves where they fit, a JSON leaf for anything else. */
export function fromRule(r) {
  const op = single(r);
  const raw = () => Object.assign(leaf('json'), {text: pretty(r)});
  if (op === null) return raw();
  const arg = r[op];
  if ((op === 'and' || op === 'or') && Array.isArray(arg) && arg.length > 0) return group(op, arg.map(fromRule));
  if (op === 'not') {
    const inner = fromRule(arg);
    if (inner.not || inner.type === 'json') return raw();
    inner.not = true;
    return inner;
  }
  if (op === 'age_bracket' || op === 'gender') {
    const v = strings(arg, op === 'age_bracket' ? AGE_BRACKETS : GENDERS);
    return v ? Object.assign(leaf(op), {values: v.slice()}) : raw();
  }
  if (op === 'country' || op === 'interest') {
    const v = strings(arg);
    return v && v.every(s => !/[,\s]/.test(s)) ? Object.assign(leaf(op), {text: v.join(', ')}) : raw();
  }
  if ((op === 'watched' || op === 'not_watched') && arg && typeof arg === 'object' && !Array.isArray(arg)) {
    const keys = Object.keys(arg);
    const targets = keys.filter(k => TARGETS.some(t => t[0] === k));
    if (targets.length !== 1 || typeof arg[targets[0]] !== 'string' || !keys.every(k => WATCHED_KEYS.includes(k))
        || !['last_days', 'min_views', 'min_hours'].every(k => arg[k] === undefined || typeof arg[k] === 'number')) {
      return raw();
    }
    const n = Object.assign(leaf('watched'), {target: targets[0], value: arg[targets[0]], last_days: '', min_views: '', min_hours: ''});
    for (const k of ['last_days', 'min_views', 'min_hours']) if (arg[k] !== undefined) n[k] = String(arg[k]);
    n.not = op === 'not_watched';
    return n;
  }
  if (op === 'lapsed' && arg && Object.keys(arg).length === 1 && typeof arg.days === 'number') {
    return Object.assign(leaf('lapsed'), {days: String(arg.days)});
  }
  return raw();
}

/** The root of a model read from a rule: always a group, so the form can add to it. */
export function rootOf(r) {
  const m = fromRule(r);
  return m.kind === 'group' && !m.not ? m : group('and', [m]);
}

/**
 * The editor of model root: onChange(structural) after every edit; structural edits (a node added,
 * removed or retyped) redraw the form. Returns {node, nodes, setRoot, root}: nodes maps each model
 * node to its element; setRoot replaces the model (from the JSON editor) and redraws.
 */
export function editor(root, onChange) {
  const box = el('div', {id: 'rule-form', className: 'rule-form'});
  const nodes = new Map();
  const changed = structural => {
    if (structural) draw();
    onChange(structural);
  };

  function input(attrs, get, set) {
    const i = el('input', Object.assign({type: 'text', value: get()}, attrs));
    i.addEventListener('input', () => {
      set(i.value);
      changed(false);
    });
    return i;
  }

  function checks(n, options, name) {
    return el('div', {className: 'checks'}, options.map(v => {
      const c = el('input', {type: 'checkbox', value: v, checked: n.values.includes(v), dataset: {field: name}});
      c.addEventListener('change', () => {
        n.values = options.filter(o => (o === v ? c.checked : n.values.includes(o)));
        changed(false);
      });
      return el('label', {className: 'check'}, c, v);
    }));
  }

  function fields(n) {
    switch (n.type) {
      case 'age_bracket': return checks(n, AGE_BRACKETS, 'age_bracket');
      case 'gender': return checks(n, GENDERS, 'gender');
      case 'country':
        return input({placeholder: 'FR, DE', dataset: {field: 'country'}, 'aria-label': 'Countries'}, () => n.text, v => { n.text = v; });
      case 'interest':
        return input({placeholder: 'cooking, travel', dataset: {field: 'interest'}, 'aria-label': 'Interests'},
            () => n.text, v => { n.text = v; });
      case 'watched': {
        const target = el('select', {dataset: {field: 'target'}, 'aria-label': 'What was watched'},
            TARGETS.map(([v, label]) => el('option', {value: v, selected: v === n.target}, label)));
        target.addEventListener('change', () => {
          n.target = target.value;
          changed(false);
        });
        const num = (field, label, width) => el('label', {className: 'inline'}, label,
            input({className: width, inputmode: 'decimal', dataset: {field}, 'aria-label': label}, () => n[field], v => { n[field] = v; }));
        return el('div', {className: 'fields'}, target,
            input({placeholder: 'id or genre', dataset: {field: 'value'}, 'aria-label': 'Title, series or genre'},
                () => n.value, v => { n.value = v; }),
            num('last_days', 'in the last (days)', 'narrow'), num('min_views', 'at least (views)', 'narrow'),
            num('min_hours', 'at least (hours)', 'narrow'));
      }
      case 'lapsed':
        return el('label', {className: 'inline'}, 'no view for (days)',
            input({className: 'narrow', inputmode: 'numeric', dataset: {field: 'days'}}, () => n.days, v => { n.days = v; }));
      default: {
        const t = el('textarea', {rows: 3, spellcheck: 'false', dataset: {field: 'json'}, 'aria-label': 'Rule node as JSON'});
        t.value = n.text;
        t.addEventListener('input', () => {
          n.text = t.value;
          changed(false);
        });
        return t;
      }
    }
  }

  function controls(n, parent) {
    const not = el('input', {type: 'checkbox', checked: n.not, dataset: {field: 'not'}});
    not.addEventListener('change', () => {
      n.not = not.checked;
      changed(false);
    });
    const remove = parent ? el('button', {type: 'button', className: 'ghost small-button remove', title: 'Remove'}, '×') : null;
    if (remove) {
      remove.addEventListener('click', () => {
        parent.items.splice(parent.items.indexOf(n), 1);
        changed(true);
      });
    }
    return [el('label', {className: 'check not'}, not, 'not'), remove];
  }

  function drawLeaf(n, parent) {
    const type = el('select', {className: 'leaf-type', dataset: {field: 'type'}, 'aria-label': 'Condition'},
        TYPES.map(([v, label]) => el('option', {value: v, selected: v === n.type}, label)));
    type.addEventListener('change', () => {
      const fresh = leaf(type.value);
      fresh.not = n.not;
      parent.items.splice(parent.items.indexOf(n), 1, fresh);
      changed(true);
    });
    const item = el('div', {className: 'rule-leaf', dataset: {type: n.type}}, controls(n, parent), type, fields(n));
    nodes.set(n, item);
    return item;
  }

  function drawGroup(n, parent) {
    const op = el('select', {className: 'group-op', dataset: {field: 'op'}, 'aria-label': 'Combine'},
        el('option', {value: 'and', selected: n.op === 'and'}, 'all of'), el('option', {value: 'or', selected: n.op === 'or'}, 'any of'));
    op.addEventListener('change', () => {
      n.op = op.value;
      changed(false);
    });
    const add = el('select', {className: 'add-leaf', 'aria-label': 'Add a condition'},
        el('option', {value: ''}, '+ condition…'), TYPES.map(([v, label]) => el('option', {value: v}, label)),
        el('option', {value: 'group'}, 'a group (all of / any of)'));
    add.addEventListener('change', () => {
      if (!add.value) return;
      n.items.push(add.value === 'group' ? group(n.op === 'and' ? 'or' : 'and') : leaf(add.value));
      changed(true);
    });
    const item = el('div', {className: 'rule-group' + (parent ? ' nested' : '')},
        el('div', {className: 'group-head'}, controls(n, parent), 'Members match ', op),
        el('div', {className: 'group-items'}, n.items.map(it => (it.kind === 'group' ? drawGroup(it, n) : drawLeaf(it, n)))),
        el('div', {className: 'group-foot'}, add));
    nodes.set(n, item);
    return item;
  }

  function draw() {
    nodes.clear();
    fill(box, drawGroup(root, null));
  }

  draw();
  return {node: box, nodes, setRoot(r) { root = r; draw(); }, root: () => root};
}

/** The JSON path an API error names ("rule: $.and[1].watched: ..."), or null. */
export function errorPath(message) {
  const m = /\$[^\s:]*/.exec(String(message || ''));
  return m ? m[0] : null;
}

/** The model node whose path is the longest prefix of path (at a boundary), or null. */
export function nodeAt(paths, path) {
  let best = null;
  let len = -1;
  for (const [n, p] of paths) {
    const edge = path.charAt(p.length);
    if (path.startsWith(p) && (edge === '' || edge === '.' || edge === '[' || edge === '(') && p.length > len) {
      best = n;
      len = p.length;
    }
  }
  return best;
}
