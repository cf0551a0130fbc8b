// Overview: the live pulse (concurrent viewers now and over 24 hours), active users and
// stickiness, lifecycle per week.
import * as api from './api.js';
import {el, growth, hours, kpi, list, message, num, panel, pct, pick, table} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';

const SMALL = 'Every point is under 10 viewers: suppressed.';

/** True when no value of rows at these fields is a number (all suppressed or missing). */
function none(rows, ...fields) {
  return rows.every(r => fields.every(f => value(pick(r, f)) === null));
}

export default async function overview(ctx) {
  ctx.title('Overview');
  const [data, top] = await Promise.all([api.get('/v1/insights/overview?' + ctx.rangeQuery),
    api.get('/v1/insights/titles?sort=hours&limit=8&' + ctx.rangeQuery).catch(() => ({}))]);
  const leaders = list(top, 'titles');
  ctx.fresh(data.freshness);
  const conc = pick(data, 'concurrent_viewers', 'concurrent') || {};
  const now = typeof conc === 'object' ? pick(conc, 'now', 'viewers') : conc;
  const pulse = Array.isArray(conc) ? conc : list(conc, 'last_24h', 'last_24_hours', 'series', 'points');
  const dau = list(data, 'daily', 'daily_active');
  const sticky = pick(data, 'stickiness');
  const byAge = list(data, 'by_age_bracket', 'stickiness_by_age_bracket');
  const lifecycle = list(data, 'lifecycle');
  const wau = pick(data, 'wau', 'weekly_active_users');
  const mau = pick(data, 'mau', 'monthly_active_users');
  const avgDau = pick(data, 'dau');
  const at = p => String(pick(p, 'at', 'time') || '').slice(11, 16);
  const stages = ['new', 'returning', 'resurrecting', 'dormant'];
  const stageColors = [COLORS.teal, COLORS.blue, COLORS.amber, '#c1c8d6'];
  return [
    el('div', {className: 'kpis'},
        kpi('Watching now', num(now), 'open playback sessions'),
        kpi('Daily active', num(avgDau), 'average day in range'),
        kpi('Weekly active', num(wau)),
        kpi('Monthly active', num(mau)),
        kpi('Stickiness', pct(typeof sticky === 'object' && sticky ? pick(sticky, 'overall', 'value', 'all') : sticky), 'DAU / MAU')),
    el('div', {className: 'two'},
        panel('Live pulse', 'Concurrent viewers over the last 24 hours.', pulse.length === 0 ? message('Not available.', 'na') : none(pulse, 'viewers') ? message(SMALL, 'na')
          : chart('pulse-chart', {
            xAxis: axisStyle({type: 'category', data: pulse.map(at), boundaryGap: false}),
            yAxis: axisStyle({type: 'value'}),
            series: [{name: 'Watching', type: 'line', symbol: 'none', smooth: true, data: pulse.map(p => value(pick(p, 'viewers', 'concurrent', 'sessions'))),
              lineStyle: {width: 2, color: COLORS.accent}, areaStyle: {color: COLORS.accentSoft}}],
          })),
        panel('Daily active viewers', 'At least one view that day.', dau.length === 0 ? message('Not available.', 'na') : none(dau, 'dau') ? message(SMALL, 'na')
          : chart('dau-chart', {
            xAxis: axisStyle({type: 'category', data: dau.map(d => String(pick(d, 'date', 'day') || ''))}),
            yAxis: axisStyle({type: 'value'}),
            series: [{name: 'DAU', type: 'bar', data: dau.map(d => value(pick(d, 'dau', 'users', 'active'))),
              itemStyle: {color: COLORS.blue, borderRadius: [3, 3, 0, 0]}}],
          }))),
    panel('Most watched titles', 'By hours watched in the range; growth against the previous period of the same length.', table([
      {label: 'Title', value: r => el('a', {href: ctx.link('title', r.asset_id), className: 'title-link'}, String(pick(r, 'title') || r.asset_id))},
      {label: 'Kind', value: r => [String(pick(r, 'kind') || ''), null]},
      {label: 'Views', className: 'num', value: r => [num(r.views), r.views]},
      {label: 'Hours', className: 'num', value: r => [hours(r.hours_watched), r.hours_watched]},
      {label: 'Completion', className: 'num', value: r => [pct(r.completion_rate), r.completion_rate]},
      {label: 'Growth', className: 'num', value: r => [growth(r.growth), r.growth]},
    ], leaders, {id: 'top-titles'}), el('p', {}, el('a', {href: ctx.link('titles')}, 'All titles →'))),
    el('div', {className: 'two'},
        panel('Lifecycle per week', 'New, returning, resurrecting and dormant viewers.', lifecycle.length === 0 ? message('Not available.', 'na') : none(lifecycle, ...stages) ? message(SMALL, 'na')
          : chart('lifecycle-chart', {
            legend: {top: 0, left: 'center', textStyle: {color: COLORS.muted}},
            xAxis: axisStyle({type: 'category', data: lifecycle.map(w => String(pick(w, 'week', 'week_start', 'start') || ''))}),
            yAxis: axisStyle({type: 'value'}),
            series: stages.map((s, i) => ({name: s, type: 'bar', stack: 'weeks',
              data: lifecycle.map(w => (value(w[s]) === null ? null : (s === 'dormant' ? -w[s] : w[s]))),
              itemStyle: {color: stageColors[i]}})),
          })),
        panel('Stickiness by age', 'DAU / MAU per age bracket.', byAge.length === 0 ? message('Not available.', 'na') : none(byAge, 'stickiness') ? message(SMALL, 'na')
          : chart('stickiness-chart', {
            xAxis: axisStyle({type: 'category', data: byAge.map(a => String(pick(a, 'age_bracket', 'value', 'bracket') || ''))}),
            yAxis: axisStyle({type: 'value', axisLabel: {color: COLORS.muted, formatter: '{value} %'}}),
            series: [{type: 'bar', data: byAge.map(a => (value(pick(a, 'stickiness', 'value')) === null ? null
                : +(pick(a, 'stickiness', 'value') * 100).toFixed(1))), itemStyle: {color: COLORS.violet, borderRadius: [3, 3, 0, 0]}}],
          }))),
  ];
}
