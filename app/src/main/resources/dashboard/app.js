// The dashboard's shell: sign-in, the hash router (#/page/id?from=...&to=...), the date range kept
// in the URL across pages, the freshness line, and sign-out.
import * as api from './api.js';
import {el, fill, message} from './dom.js';
import {disposeAll} from './charts.js';
import overview from './page-overview.js';
import titles from './page-titles.js';
import title from './page-title.js';
import series from './page-series.js';
import genres from './page-genres.js';
import music from './page-music.js';
import cohorts from './page-cohorts.js';
import audiences from './page-audiences.js';
import audience from './page-audience.js';
import audienceNew from './page-audience-new.js';
import audienceCompare from './page-audience-compare.js';

const PAGES = {overview, titles, title, series, genres, music, cohorts, audiences, audience,
  'audience-new': audienceNew, 'audience-compare': audienceCompare};
const $ = id => document.getElementById(id);
let renderSeq = 0;

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

function defaultRange(days) {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86400000);
  return {from: isoDay(from), to: isoDay(to)};
}

/** The route in the URL: page, id, and the query (with the range). */
export function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, qs] = hash.split('?');
  const parts = (path || '').split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(qs || '');
  const page = PAGES[parts[0]] ? parts[0] : 'overview';
  return {page, id: parts[1], query};
}

/** The range of the URL, or the last 28 days. */
function currentRange(query) {
  const d = defaultRange(28);
  const valid = s => /^\d{4}-\d{2}-\d{2}$/.test(s || '');
  return {from: valid(query.get('from')) ? query.get('from') : d.from, to: valid(query.get('to')) ? query.get('to') : d.to};
}

/** A hash link to page/id keeping the current range; extra adds query parameters. */
export function link(page, id, extra) {
  const q = new URLSearchParams();
  const r = currentRange(route().query);
  q.set('from', r.from);
  q.set('to', r.to);
  for (const [k, v] of Object.entries(extra || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  return '#/' + page + (id !== undefined ? '/' + encodeURIComponent(id) : '') + '?' + q.toString();
}

function setFreshness(f) {
  const box = $('freshness');
  if (!f || !f.as_of) {
    fill(box, 'Freshness not available');
    return;
  }
  const at = new Date(f.as_of);
  const when = isNaN(at) ? f.as_of : at.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const pending = typeof f.pending_bytes === 'number' && f.pending_bytes > 0
    ? ' · ' + Math.ceil(f.pending_bytes / 1024) + ' KiB of events still loading' : ' · every logged event included';
  const cached = f.baselines_as_of || f.computed_at;
  const age = cached && !isNaN(new Date(cached))
    ? ' · platform baselines computed ' + new Date(cached).toISOString().slice(11, 19) + ' UTC (kept up to '
      + (f.baselines_max_age_s ?? f.cache_max_age_s ?? 60) + ' s)' : '';
  fill(box, el('span', {className: 'dot'}), 'Figures as of ', el('strong', {id: 'as-of'}, when), pending, age);
}

async function render() {
  const seq = ++renderSeq;
  const r = route();
  const range = currentRange(r.query);
  $('range-from').value = range.from;
  $('range-to').value = range.to;
  $('range-form').hidden = Boolean(PAGES[r.page].noRange);
  for (const a of document.querySelectorAll('.nav-link[data-page]')) {
    if (a.classList.contains('disabled')) continue;
    a.href = a.dataset.page === 'audiences' ? '#/audiences' : link(a.dataset.page);
    const active = a.dataset.page === r.page || (a.dataset.page === 'titles' && (r.page === 'title' || r.page === 'series'))
      || (a.dataset.page === 'audiences' && r.page.startsWith('audience'));
    a.classList.toggle('active', active);
  }
  disposeAll();
  const view = $('view');
  fill(view, message('Loading…', 'loading'));
  view.dataset.state = 'loading';
  const ctx = {
    id: r.id, query: r.query, range,
    rangeQuery: 'from=' + range.from + '&to=' + range.to + '&tz=UTC',
    title: (text, crumbs) => {
      fill($('page-title'), text);
      fill($('crumbs'), ...(crumbs || []).flatMap((c, i) => [i ? ' / ' : '', el('a', {href: c[1]}, c[0])]));
      document.title = text + ' · Marquee';
    },
    fresh: setFreshness,
    note: text => fill($('freshness'), el('span', {className: 'dot'}), text),
    link,
  };
  try {
    const nodes = await PAGES[r.page](ctx);
    if (seq !== renderSeq) return;
    fill(view, nodes);
    view.dataset.page = r.page;
    view.dataset.state = 'ready';
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof api.SignedOut) {
      showSignIn('Your session has ended; sign in again.');
      return;
    }
    fill(view, message(e.status === 404 ? 'Not found: ' + e.message : 'Could not load this page: ' + e.message, 'error'));
    view.dataset.page = r.page;
    view.dataset.state = 'error';
  }
}

function showSignIn(why) {
  disposeAll();
  $('boot').hidden = true;
  $('shell').hidden = true;
  $('signin').hidden = false;
  fill($('signin-error'), why || '');
  $('api-key').value = '';
  $('api-key').focus();
}

function showShell(who) {
  $('boot').hidden = true;
  $('signin').hidden = true;
  $('shell').hidden = false;
  fill($('who'), el('span', {className: 'role'}, who.role), ' key ', el('code', {}, who.key_id));
  // audiences need a marketer key (the API refuses an analyst's anyway); analysts see why
  const may = who.role === 'marketer' || who.role === 'admin';
  const nav = $('nav-audiences');
  nav.classList.toggle('disabled', !may);
  nav.title = may ? '' : 'needs a marketer key';
  if (may) nav.removeAttribute('aria-disabled');
  else {
    nav.setAttribute('aria-disabled', 'true');
    nav.removeAttribute('href');
  }
  render();
}

function wire() {
  $('signin-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const key = $('api-key').value.trim();
    $('signin-button').disabled = true;
    fill($('signin-error'), '');
    try {
      await api.signIn(key);
      $('api-key').value = '';
      showShell(await api.session());
    } catch (e) {
      fill($('signin-error'), e.message || 'Sign-in failed');
    } finally {
      $('signin-button').disabled = false;
    }
  });
  $('signout').addEventListener('click', async () => {
    await api.signOut();
    showSignIn('Signed out.');
  });
  $('range-form').addEventListener('submit', ev => {
    ev.preventDefault();
    setRange($('range-from').value, $('range-to').value);
  });
  for (const b of document.querySelectorAll('.presets [data-days]')) {
    b.addEventListener('click', () => {
      const d = defaultRange(Number(b.dataset.days));
      setRange(d.from, d.to);
    });
  }
  window.addEventListener('hashchange', () => {
    if (!$('shell').hidden) render();
  });
}

function setRange(from, to) {
  const r = route();
  const q = new URLSearchParams(r.query);
  q.set('from', from);
  q.set('to', to);
  q.delete('offset');
  location.hash = '#/' + r.page + (r.id !== undefined ? '/' + encodeURIComponent(r.id) : '') + '?' + q.toString();
}

async function boot() {
  wire();
  const who = await api.session().catch(() => null);
  if (who) showShell(who);
  else showSignIn('');
}

boot();
