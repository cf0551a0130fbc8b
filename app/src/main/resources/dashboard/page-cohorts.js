// Cohorts: weekly cohorts of new viewers and the share active N weeks later (a heatmap).
import * as api from './api.js';
import {el, list, message, num, panel, pct, pick, table} from './dom.js';
import {COLORS, chart} from './charts.js';

function weeks(c, mode) {
  const r = mode === 'unbounded' ? pick(c, 'unbounded', 'unbounded_retention') : pick(c, 'retention');
  return Array.isArray(r) ? r.map(v => (typeof v === 'number' ? v : typeof v === 'object' && v ? pick(v, 'share', 'retention') : null)) : [];
}

export default async function cohorts(ctx) {
  ctx.title('Cohorts');
  const data = await api.get('/v1/insights/overview?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const cs = list(data, 'cohorts', 'weekly_cohorts');
  if (cs.length === 0) return [panel('Weekly cohorts', null, message('Cohorts not available in this range.', 'na'))];
  const name = c => String(pick(c, 'week', 'cohort', 'week_start') || '');
  const width = Math.max(...cs.map(c => weeks(c, 'n').length), 1);
  const cells = [];
  cs.forEach((c, y) => weeks(c, 'n').forEach((v, x) => cells.push([x, y, typeof v === 'number' ? +(v * 100).toFixed(1) : '-'])));
  return [
    panel('Weekly cohorts of new viewers', 'Share of each week\'s new viewers active N weeks later.', chart('cohort-chart', {
      tooltip: {trigger: 'item', renderMode: 'richText'},
      grid: {left: 8, right: 16, top: 16, bottom: 56, containLabel: true},
      xAxis: {type: 'category', data: Array.from({length: width}, (_, i) => 'week ' + i), splitArea: {show: true}},
      yAxis: {type: 'category', data: cs.map(name), inverse: true},
      visualMap: {min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: {color: ['#fff5f5', COLORS.accent]}, textStyle: {color: COLORS.muted}},
      series: [{type: 'heatmap', data: cells, label: {show: true, fontSize: 10, formatter: p => (p.value[2] === '-' ? '' : p.value[2] + '%')}}],
    }, 'tall')),
    panel('Cohort sizes', null, table([
      {label: 'Week', value: c => [name(c), null]},
      {label: 'New viewers', className: 'num', value: c => [num(pick(c, 'size', 'viewers', 'users', 'new')), pick(c, 'size', 'viewers', 'users')]},
      {label: 'Week 1', className: 'num', value: c => [pct(weeks(c, 'n')[1]), weeks(c, 'n')[1]]},
      {label: 'Week 1 or later', className: 'num', value: c => [pct(weeks(c, 'unbounded')[1]), weeks(c, 'unbounded')[1]]},
    ], cs)),
  ];
}
