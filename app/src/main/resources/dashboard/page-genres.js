// Genres: the league table, new releases against their genre's baseline, and the promote and
// make-more signals with the figures that triggered them.
import * as api from './api.js';
import {csvPanel, el, growth, hours, list, message, num, panel, pct, pick, suppressed, table} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';

const IDS = new Set(['asset_id', 'series_id', 'type', 'kind', 'signal', 'reason']);

/** The figures of a signal, as label: value pairs, whatever their names. */
function figures(s) {
  const out = [];
  const walk = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (IDS.has(k) || k === 'title' || k === 'name') continue;
      const label = (prefix + k).replace(/_/g, ' ');
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, prefix + k + ' ');
      else if (typeof v === 'number') out.push([label, /rate|share|completion|growth|ratio/.test(k) && Math.abs(v) <= 5 ? (k.includes('growth') ? growth(v) : pct(v)) : num(v)]);
      else if (typeof v === 'string' && v.length < 60) out.push([label, v]);
    }
  };
  walk(s, '');
  return out;
}

function signalCard(kind, s, ctx) {
  const name = String(pick(s, 'name', 'title', 'genre', 'id') || '?');
  const what = pick(s, 'kind');
  const id = pick(s, 'id', 'asset_id');
  const target = what === 'title' ? el('a', {href: ctx.link('title', id)}, name)
    : what === 'series' ? el('a', {href: ctx.link('series', id)}, name)
      : what === 'genre' ? el('a', {href: ctx.link('titles', undefined, {genre: id})}, name) : name;
  return el('div', {className: 'signal ' + kind},
      el('div', {className: 'signal-kind'}, (kind === 'promote' ? 'Promote' : 'Make more') + (what ? ' · ' + what : '')),
      el('div', {className: 'signal-name'}, target),
      pick(s, 'reason') ? el('p', {className: 'muted small'}, String(s.reason)) : null,
      el('dl', {}, figures(pick(s, 'figures') || s).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

export default async function genres(ctx) {
  ctx.title('Genres & signals');
  const data = await api.get('/v1/insights/genres?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const league = list(data, 'genres', 'league', 'rows');
  const signals = pick(data, 'signals') || [];
  const all = Array.isArray(signals) ? signals : [...list(signals, 'promote'), ...list(signals, 'make_more')];
  const promote = all.filter(s => pick(s, 'signal') === 'promote');
  const more = all.filter(s => pick(s, 'signal') !== 'promote');
  const releases = list(data, 'new_releases');
  const top = league.filter(g => typeof g.hours_watched === 'number').slice(0, 12);
  const cards = (kind, items, none) => (items.length === 0 ? message(none, 'na')
    : el('div', {}, el('div', {className: 'signals'}, items.slice(0, 12).map(s => signalCard(kind, s, ctx))),
        items.length > 12 ? el('p', {className: 'muted small'}, 'and ' + (items.length - 12) + ' more (CSV: list=signals)') : null));
  const byViews = (a, b) => (value(b.views_7d) ?? -1) - (value(a.views_7d) ?? -1);
  const shown = releases.slice().sort(byViews).slice(0, 20);
  return [
    el('div', {id: 'signals', className: 'view'},
        panel('Promote', 'Releases whose first 7 days drew at least 1.2x the views of their genre\'s median release, '
            + 'with completion at least the genre\'s median.', cards('promote', promote, 'No release qualifies in this range.')),
        panel('Make more', 'Genres and series whose hours grew at least 20 % on the previous period, with completion above '
            + 'the platform median.', cards('make_more', more, 'No genre or series qualifies in this range.'))),
    el('div', {className: 'two'},
        panel('Hours by genre', 'Top genres in the range.', top.length === 0 ? message('Not available.', 'na') : chart('genres-chart', {
          tooltip: {trigger: 'item', renderMode: 'richText'},
          grid: {left: 16, right: 40, top: 8, bottom: 24, containLabel: true},
          xAxis: axisStyle({type: 'value'}),
          yAxis: axisStyle({type: 'category', data: top.map(g => String(g.genre)).reverse(), splitLine: {show: false}}),
          series: [{type: 'bar', data: top.map(g => value(g.hours_watched)).reverse(), barMaxWidth: 18,
            itemStyle: {color: COLORS.blue, borderRadius: [0, 4, 4, 0]}}],
        }, top.length <= 4 ? 'rows-s' : top.length <= 8 ? 'rows-m' : 'tall')),
        csvPanel('League table', 'Views, hours and completion per genre; growth against the previous period.',
            '/v1/insights/genres?format=csv&' + ctx.rangeQuery, table([
          {label: 'Genre', value: g => el('a', {href: ctx.link('titles', undefined, {genre: g.genre})}, String(g.genre))},
          {label: 'Titles', className: 'num', value: g => [num(g.titles), g.titles]},
          {label: 'Views', className: 'num', value: g => [num(g.views), g.views]},
          {label: 'Hours', className: 'num', value: g => [hours(g.hours_watched), g.hours_watched]},
          {label: 'Completion', className: 'num', value: g => [pct(g.completion_rate), g.completion_rate]},
          {label: 'Growth', className: 'num', value: g => [growth(g.growth), g.growth]},
        ], league, {id: 'genre-table'}))),
    csvPanel('New releases', 'First view ever within the range, against the median release of the same genre.',
        '/v1/insights/genres?format=csv&list=new_releases&' + ctx.rangeQuery, table([
      {label: 'Title', value: r => el('a', {href: ctx.link('title', r.asset_id)}, String(pick(r, 'title') || r.asset_id))},
      {label: 'Genre', value: r => [String(pick(r, 'genre') ?? ''), null]},
      {label: 'First 7 days', className: 'num', value: r => suppressed(r.viewers_7d) ? [String(r.viewers_7d), r.viewers_7d] : [num(r.views_7d), r.views_7d]},
      {label: 'Genre median (7 d)', className: 'num', value: r => [num(pick(r, 'baseline.median_views_7d', 'genre_median_views_7d')), null]},
      {label: 'First 28 days', className: 'num', value: r => suppressed(r.viewers_28d) ? [String(r.viewers_28d), r.viewers_28d] : [num(r.views_28d), r.views_28d]},
      {label: 'Genre median (28 d)', className: 'num', value: r => [num(pick(r, 'baseline.median_views_28d', 'genre_median_views_28d')), null]},
    ], shown, {id: 'releases'}),
      releases.length > shown.length ? el('p', {className: 'muted small'}, 'The 20 with the most views in their first 7 days of '
          + releases.length + ' releases (CSV: list=new_releases).') : null),
  ];
}
