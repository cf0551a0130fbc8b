// Series funnel: per-episode views and the share of each episode's viewers who start the next one.
import * as api from './api.js';
import {csvPanel, el, list, message, num, panel, pct, pick, suppressed, table} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';

export default async function series(ctx) {
  const data = await api.get('/v1/insights/series/' + encodeURIComponent(ctx.id || '') + '?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const name = pick(data, 'title', 'series', 'name') || ctx.id;
  ctx.title(String(name), [['Titles', ctx.link('titles')]]);
  const eps = list(data, 'episodes');
  const label = e => 'S' + (pick(e, 'season') ?? '?') + 'E' + (pick(e, 'episode') ?? '?');
  const next = e => pick(e, 'next_share', 'to_next', 'next_episode_share', 'continue_share', 'funnel');
  const seasons = list(data, 'seasons', 'season_completion');
  return [
    panel('Episode funnel', 'Views per episode (bars) and the share of each episode\'s viewers who start the next one (line).',
        eps.length === 0 ? message('No episodes with views in this range.', 'na') : chart('funnel-chart', {
          legend: {top: 0, left: 'center', textStyle: {color: COLORS.muted}},
          xAxis: axisStyle({type: 'category', data: eps.map(label)}),
          yAxis: [axisStyle({type: 'value', name: 'views'}),
            axisStyle({type: 'value', name: 'to next', min: 0, max: 100, splitLine: {show: false},
              axisLabel: {color: COLORS.muted, formatter: '{value} %'}})],
          series: [
            {name: 'Views', type: 'bar', barMaxWidth: 48, data: eps.map(e => value(e.views)), itemStyle: {color: COLORS.blue, borderRadius: [3, 3, 0, 0]}},
            {name: 'Start the next', type: 'line', yAxisIndex: 1, data: eps.map(e => (value(next(e)) === null ? null : +(next(e) * 100).toFixed(1))),
              itemStyle: {color: COLORS.accent}, lineStyle: {width: 3}},
          ],
        }, 'tall')),
    el('div', {className: 'two'},
        csvPanel('Episodes', null, '/v1/insights/series/' + encodeURIComponent(ctx.id || '') + '?format=csv&' + ctx.rangeQuery, table([
          {label: 'Episode', value: e => el('a', {href: ctx.link('title', e.asset_id)}, label(e) + ' · ' + (pick(e, 'title') || e.asset_id))},
          {label: 'Starts', className: 'num', value: e => [num(e.starts), e.starts]},
          {label: 'Views', className: 'num', value: e => [num(e.views), e.views]},
          {label: 'Viewers', className: 'num', value: e => [num(pick(e, 'viewers', 'unique_viewers')), pick(e, 'viewers', 'unique_viewers')]},
          {label: 'Start the next', className: 'num', value: e => (e === eps[eps.length - 1] ? ['last episode', null] : suppressed(e.next_starters) ? [String(e.next_starters), e.next_starters] : [pct(next(e)), next(e)])},
        ], eps, {id: 'episodes'})),
        panel('Season completion', 'Share of the viewers of a season\'s first episode who completed its last.', table([
          {label: 'Season', value: s => [String(pick(s, 'season') ?? '?'), null]},
          {label: 'Completion', className: 'num', value: s => (suppressed(s.completed_last) ? [String(s.completed_last), s.completed_last] : [pct(pick(s, 'completion')), pick(s, 'completion')])},
        ], seasons))),
  ];
}
