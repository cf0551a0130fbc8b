// Cohorts: weekly cohorts of new viewers and the share active N weeks later (a heatmap), with the
// unbounded retention (active in week N or any later week) beside it.
import * as api from './api.js';
import {NA, el, list, message, num, panel, pct, pick, suppressed, table} from './dom.js';
import {COLORS, chart} from './charts.js';

/** The cells of a cohort: [{n, active, share}], from 'retention' or 'unbounded'. */
function cells(c, field) {
  const r = pick(c, field);
  return Array.isArray(r) ? r.map(v => (typeof v === 'number' ? {share: v} : v || {})) : [];
}

/** A cell as text: its share, "<10" for a small cell, else not available. */
function text(cell) {
  if (!cell) return [NA, null];
  if (typeof cell.share === 'number') return [pct(cell.share), cell.share];
  if (suppressed(cell.active)) return [String(cell.active), cell.active];
  return [NA, null];
}

export default async function cohorts(ctx) {
  ctx.title('Cohorts');
  const data = await api.get('/v1/insights/overview?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const cs = list(data, 'cohorts', 'weekly_cohorts');
  if (cs.length === 0) return [panel('Weekly cohorts', null, message('Cohorts not available in this range.', 'na'))];
  const name = c => String(pick(c, 'week', 'cohort', 'week_start') || '');
  const width = Math.max(...cs.map(c => cells(c, 'retention').length), 1);
  const heat = [];
  cs.forEach((c, y) => cells(c, 'retention').forEach((v, x) => heat.push({
    value: [x, y, typeof v.share === 'number' ? +(v.share * 100).toFixed(1) : '-'],
    label: {formatter: typeof v.share === 'number' ? undefined : suppressed(v.active) ? '<10' : ''},
  })));
  const csv = '/v1/insights/overview?format=csv&list=cohorts&' + ctx.rangeQuery;
  return [
    panel('Weekly cohorts of new viewers', 'Share of each week\'s new viewers (first view ever that week) active N weeks later.',
        chart('cohort-chart', {
          tooltip: {trigger: 'item', renderMode: 'richText'},
          grid: {left: 8, right: 16, top: 16, bottom: 56, containLabel: true},
          xAxis: {type: 'category', data: Array.from({length: width}, (_, i) => 'week ' + i), splitArea: {show: true}},
          yAxis: {type: 'category', data: cs.map(name), inverse: true},
          visualMap: {min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
            text: ['100 %', '0 %'], inRange: {color: ['#fff5f5', COLORS.accent]}, textStyle: {color: COLORS.muted}},
          series: [{type: 'heatmap', data: heat,
            label: {show: true, fontSize: 11, formatter: p => (p.value[2] === '-' ? '' : p.value[2] + ' %')}}],
        }, 'tall')),
    panel('Cohort sizes', null, el('p', {}, el('a', {className: 'button ghost', href: csv, download: 'cohorts.csv'}, 'Download CSV')),
        table([
          {label: 'Week', value: c => [name(c), null]},
          {label: 'New viewers', className: 'num', value: c => [num(pick(c, 'size')), pick(c, 'size')]},
          {label: 'Week 1', className: 'num', value: c => text(cells(c, 'retention')[1])},
          {label: 'Week 1 or later', className: 'num', value: c => text(cells(c, 'unbounded')[1])},
          {label: 'Week 2', className: 'num', value: c => text(cells(c, 'retention')[2])},
          {label: 'Week 2 or later', className: 'num', value: c => text(cells(c, 'unbounded')[2])},
        ], cs, {id: 'cohorts'})),
  ];
}
