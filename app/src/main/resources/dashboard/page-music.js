// Music: streams (plays of 30 s or more), listeners, skip rate, top artists and tracks.
import * as api from './api.js';
import {csvPanel, el, hours, kpi, list, message, num, pct, pick, table} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';

const SHOWN = 20;

export default async function music(ctx) {
  ctx.title('Music');
  const data = await api.get('/v1/insights/music?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const tracks = list(data, 'top_tracks', 'tracks');
  const artists = list(data, 'top_artists', 'artists');
  const top = artists.filter(a => typeof a.streams === 'number').slice(0, 10);
  const csv = which => '/v1/insights/music?format=csv&list=' + which + '&' + ctx.rangeQuery;
  return [
    el('div', {className: 'kpis'},
        kpi('Streams', num(pick(data, 'streams')), 'plays of 30 s or more'),
        kpi('Listeners', num(pick(data, 'listeners')), 'in the range'),
        kpi('Skip rate', pct(pick(data, 'skip_rate')), 'plays stopped before 30 s'),
        kpi('Hours listened', hours(pick(data, 'hours_listened'))),
        kpi('Active listeners', num(pick(data, 'active_listeners_28d', 'active_listeners')), 'last 28 days')),
    el('div', {className: 'two'},
        csvPanel('Top artists', 'Streams in the range.', csv('artists'), top.length === 0 ? message('Not available.', 'na')
          : chart('artists-chart', {
            tooltip: {trigger: 'item', renderMode: 'richText'},
            grid: {left: 16, right: 48, top: 8, bottom: 24, containLabel: true},
            xAxis: axisStyle({type: 'value'}),
            yAxis: axisStyle({type: 'category', data: top.map(a => String(a.artist)).reverse(), splitLine: {show: false}}),
            series: [{type: 'bar', data: top.map(a => value(a.streams)).reverse(), barMaxWidth: 18,
              label: {show: true, position: 'right', color: COLORS.muted},
              itemStyle: {color: COLORS.violet, borderRadius: [0, 4, 4, 0]}}],
          }, top.length <= 4 ? 'rows-s' : top.length <= 8 ? 'rows-m' : 'tall')),
        csvPanel('Artists', null, csv('artists'), table([
          {label: 'Artist', value: a => [String(pick(a, 'artist') ?? ''), null]},
          {label: 'Tracks', className: 'num', value: a => [num(a.tracks), a.tracks]},
          {label: 'Streams', className: 'num', value: a => [num(a.streams), a.streams]},
          {label: 'Listeners', className: 'num', value: a => [num(a.listeners), a.listeners]},
          {label: 'Skip rate', className: 'num', value: a => [pct(a.skip_rate), a.skip_rate]},
        ], artists.slice(0, 10), {id: 'artists'}))),
    csvPanel('Top tracks', 'Streams and listeners, most streamed first' + (tracks.length > SHOWN ? ' (the first ' + SHOWN + '; all in the CSV)' : '') + '.',
        csv('tracks'), table([
      {label: 'Track', value: t => el('div', {}, el('a', {href: ctx.link('title', t.asset_id)}, String(pick(t, 'title') || t.asset_id)),
          el('div', {className: 'muted small'}, String(pick(t, 'artist') || '')))},
      {label: 'Streams', className: 'num', value: t => [num(t.streams), t.streams]},
      {label: 'Listeners', className: 'num', value: t => [num(t.listeners), t.listeners]},
      {label: 'Plays', className: 'num', value: t => [num(t.plays), t.plays]},
      {label: 'Skip rate', className: 'num', value: t => [pct(t.skip_rate), t.skip_rate]},
    ], tracks.slice(0, SHOWN), {id: 'tracks'})),
  ];
}
