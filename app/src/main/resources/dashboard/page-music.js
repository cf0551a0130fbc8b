// Music: streams (30 s or more), listeners, skip rate, top tracks and artists.
import * as api from './api.js';
import {csvPanel, el, kpi, list, message, num, panel, pct, pick, table} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';

export default async function music(ctx) {
  ctx.title('Music');
  const data = await api.get('/v1/insights/music?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const tracks = list(data, 'top_tracks', 'tracks');
  const artists = list(data, 'top_artists', 'artists');
  const top = artists.filter(a => typeof a.streams === 'number').slice(0, 10);
  return [
    el('div', {className: 'kpis'},
        kpi('Streams', num(pick(data, 'streams')), 'plays of 30 s or more'),
        kpi('Listeners', num(pick(data, 'listeners'))),
        kpi('Skip rate', pct(pick(data, 'skip_rate')), 'plays stopped before 30 s'),
        kpi('Active listeners', num(pick(data, 'active_listeners_28d', 'active_listeners')), 'last 28 days')),
    el('div', {className: 'two'},
        panel('Top artists', 'Streams in the range.', top.length === 0 ? message('Not available.', 'na') : chart('artists-chart', {
          tooltip: {trigger: 'item', renderMode: 'richText'},
          grid: {left: 8, right: 40, top: 8, bottom: 24, containLabel: true},
          xAxis: axisStyle({type: 'value'}),
          yAxis: axisStyle({type: 'category', data: top.map(a => String(a.artist)).reverse(), splitLine: {show: false}}),
          series: [{type: 'bar', data: top.map(a => value(a.streams)).reverse(), barMaxWidth: 18,
            itemStyle: {color: COLORS.violet, borderRadius: [0, 4, 4, 0]}}],
        }, 'tall')),
        csvPanel('Top tracks', 'Streams (30 s or more) and listeners.', '/v1/insights/music?format=csv&list=tracks&' + ctx.rangeQuery, table([
          {label: 'Track', value: t => el('div', {}, el('a', {href: ctx.link('title', t.asset_id)}, String(pick(t, 'title') || t.asset_id)),
              el('div', {className: 'muted small'}, String(pick(t, 'artist') || '')))},
          {label: 'Streams', className: 'num', value: t => [num(t.streams), t.streams]},
          {label: 'Listeners', className: 'num', value: t => [num(t.listeners), t.listeners]},
        ], tracks, {id: 'tracks'}))),
  ];
}
