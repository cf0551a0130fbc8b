// Titles: search, sort, filters, paging and the CSV of the same list.
import * as api from './api.js';
import {el, growth, hours, list, num, panel, pct, pick, table} from './dom.js';

const SORTS = [['views', 'Views'], ['hours', 'Hours watched'], ['full_view_equivalents', 'Full-view equivalents'],
  ['completion_rate', 'Completion rate'], ['growth', 'Growth']];
const KINDS = [['', 'All kinds'], ['film', 'Films'], ['episode', 'Episodes'], ['series', 'Series'], ['track', 'Tracks']];
const PAGE = 50;

export default async function titles(ctx) {
  ctx.title('Titles');
  const q = ctx.query;
  const filters = {q: q.get('q') || '', sort: q.get('sort') || 'views', kind: q.get('kind') || '', genre: q.get('genre') || ''};
  const offset = Math.max(0, Number(q.get('offset')) || 0);
  const params = new URLSearchParams(ctx.rangeQuery);
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  params.set('limit', PAGE);
  params.set('offset', offset);
  const data = await api.get('/v1/insights/titles?' + params);
  ctx.fresh(data.freshness);
  const rows = list(data, 'titles', 'rows', 'items');
  const total = pick(data, 'total');

  const search = el('input', {id: 'title-search', type: 'search', placeholder: 'Search titles', value: filters.q});
  const sort = el('select', {id: 'title-sort', 'aria-label': 'Sort by'},
      SORTS.map(([v, label]) => el('option', {value: v, selected: v === filters.sort}, 'Sort: ' + label)));
  const kind = el('select', {id: 'title-kind', 'aria-label': 'Kind'},
      KINDS.map(([v, label]) => el('option', {value: v, selected: v === filters.kind}, label)));
  const genre = el('input', {id: 'title-genre', type: 'text', placeholder: 'Genre', value: filters.genre});
  const form = el('form', {className: 'filters', id: 'title-filters'}, search, sort, kind, genre,
      el('button', {type: 'submit', className: 'primary small-button'}, 'Search'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    location.hash = ctx.link('titles', undefined,
        {q: search.value.trim(), sort: sort.value, kind: kind.value, genre: genre.value.trim()});
  });
  sort.addEventListener('change', () => form.requestSubmit());
  kind.addEventListener('change', () => form.requestSubmit());

  const csv = new URLSearchParams(params);
  csv.delete('offset');
  csv.set('limit', 500);
  csv.set('format', 'csv');
  const download = el('a', {id: 'titles-csv', className: 'button ghost', href: '/v1/insights/titles?' + csv, download: 'titles.csv'},
      'Download CSV');

  const name = r => el('a', {href: ctx.link(r.kind === 'series' ? 'series' : 'title', r.asset_id), className: 'title-link'},
      pick(r, 'title') || r.asset_id);
  const t = table([
    {label: 'Title', value: r => el('div', {}, name(r), el('div', {className: 'muted small'}, [pick(r, 'kind'), (pick(r, 'genres') || []).join?.(', ')].filter(Boolean).join(' · ')))},
    {label: 'Views', className: 'num', value: r => [num(r.views), r.views]},
    {label: 'Unique viewers', className: 'num', value: r => [num(r.unique_viewers), r.unique_viewers]},
    {label: 'Hours', className: 'num', value: r => [hours(r.hours_watched), r.hours_watched]},
    {label: 'Full-view eq.', className: 'num', value: r => [num(r.full_view_equivalents), r.full_view_equivalents]},
    {label: 'Completion', className: 'num', value: r => [pct(r.completion_rate), r.completion_rate]},
    {label: 'Growth', className: 'num', value: r => [growth(r.growth), r.growth]},
  ], rows, {id: 'titles-table'});

  const pager = el('div', {className: 'pager'},
      el('span', {className: 'muted'}, rows.length === 0 ? 'No titles' : 'Titles ' + (offset + 1) + '–' + (offset + rows.length)
          + (typeof total === 'number' ? ' of ' + total : '')),
      offset > 0 ? el('a', {className: 'button ghost', href: ctx.link('titles', undefined, Object.assign({}, filters, {offset: Math.max(0, offset - PAGE)}))}, '← Previous') : null,
      (typeof total === 'number' ? offset + rows.length < total : rows.length === PAGE)
        ? el('a', {className: 'button ghost', href: ctx.link('titles', undefined, Object.assign({}, filters, {offset: offset + PAGE}))}, 'Next →') : null);

  return [el('div', {className: 'toolbar'}, form, download),
    panel('Titles in range', 'Views are starts with at least 30 s watched; growth compares with the previous period of the same length.', t, pager)];
}
