// Title detail: headline figures, retention against peers with the drop-offs marked, audience
// composition as index bars (resonating cells highlighted), daily trend, similar titles.
import * as api from './api.js';
import {NA, csvPanel, el, hours, list, kpi, message, num, panel, pct, pick, suppressed, table} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';

const POINTS = Array.from({length: 21}, (_, k) => k * 5 + ' %');
const DIMENSIONS = [['age_bracket', 'Age'], ['gender', 'Gender'], ['country', 'Country']];

/** A curve as shares 0..1 (accepts percentages too). */
function curve(values) {
  if (!Array.isArray(values)) return null;
  const nums = values.map(value);
  const max = Math.max(...nums.filter(v => v !== null), 0);
  return max > 1.0001 ? nums.map(v => (v === null ? null : v / 100)) : nums;
}

function csvOf(ctx, name) {
  return '/v1/insights/titles/' + encodeURIComponent(ctx.id || '') + '?format=csv&list=' + name + '&' + ctx.rangeQuery;
}

function retentionPanel(data, ctx) {
  const own = curve(pick(data, 'retention'));
  if (!own || own.every(v => v === null)) {
    return panel('Retention', NA, message('Retention not available for this title in this range.', 'na'));
  }
  const rel = pick(data, 'relative_retention') || {};
  const peer = curve(Array.isArray(rel) ? rel : pick(rel, 'median', 'peer_median', 'median_curve', 'peers_median', 'curve'));
  const peers = pick(rel, 'peers', 'peer_count', 'titles');
  const drops = list(data, 'drop_offs');
  const series = [{
    name: 'This title', type: 'line', data: own.map(v => (v === null ? null : +(v * 100).toFixed(2))), symbolSize: 6,
    lineStyle: {width: 3, color: COLORS.accent}, itemStyle: {color: COLORS.accent},
    areaStyle: {color: COLORS.accentSoft},
    markArea: {silent: true, itemStyle: {color: 'rgba(245,165,36,0.16)'},
      data: drops.map(d => [{xAxis: POINTS[d.from_point]}, {xAxis: POINTS[d.to_point]}])
          .filter(d => d[0].xAxis && d[1].xAxis)},
    markPoint: {symbol: 'pin', symbolSize: 44, itemStyle: {color: COLORS.amber},
      label: {color: '#fff', fontSize: 10, formatter: p => p.value},
      data: drops.filter(d => POINTS[d.to_point]).map(d => ({
        coord: [POINTS[d.to_point], own[d.to_point] === null ? 0 : +(own[d.to_point] * 100).toFixed(2)],
        value: '−' + Math.round(Math.abs(value(d.fall) || 0) * (Math.abs(value(d.fall) || 0) > 1 ? 1 : 100)),
      }))},
  }];
  if (peer && peer.some(v => v !== null)) {
    series.push({name: 'Peers (median)', type: 'line', data: peer.map(v => (v === null ? null : +(v * 100).toFixed(2))),
      symbol: 'none', lineStyle: {width: 2, type: 'dashed', color: COLORS.peer}, itemStyle: {color: COLORS.peer}});
  }
  const note = peer ? 'Share of views still watching at each 5 % of the runtime; dashed: the median of '
      + (typeof peers === 'number' ? peers + (peers === 1 ? ' title' : ' titles') : 'titles') + ' of the same kind and similar runtime.'
    : 'Share of views still watching at each 5 % of the runtime; peer curve not available.';
  const intro = pick(data, 'intro');
  const dropList = el('ul', {className: 'drops'}, drops.map(d => el('li', {},
      el('strong', {}, (pick(d, 'from_percent') ?? d.from_point * 5) + '–' + (pick(d, 'to_percent') ?? d.to_point * 5) + ' %'),
      ' of the runtime: ', pct(Math.abs(value(d.fall) || 0) > 1 ? value(d.fall) / 100 : value(d.fall)), ' of views leave')));
  return csvPanel('Retention', note, csvOf(ctx, 'retention'),
      chart('retention-chart', {
        legend: {top: 0, left: 'center', textStyle: {color: COLORS.muted}},
        xAxis: axisStyle({type: 'category', data: POINTS, boundaryGap: false, name: 'runtime', nameLocation: 'middle', nameGap: 28}),
        yAxis: axisStyle({type: 'value', min: 0, max: 100, axisLabel: {color: COLORS.muted, formatter: '{value} %'}}),
        series,
      }, 'tall'),
      el('div', {className: 'split'},
          el('div', {}, el('h3', {}, 'Largest drop-offs'), drops.length ? dropList : el('p', {className: 'na'}, NA)),
          el('div', {}, el('h3', {}, 'Still watching at 30 s'), el('p', {className: 'big'}, pct(intro)))));
}

function audiencePanel(data, ctx) {
  const cells = list(data, 'audience');
  const res = list(data, 'resonates_with');
  const key = c => c.dimension + '\u0000' + c.value;
  const resonating = new Set(res.map(key));
  if (cells.length === 0) {
    return panel('Audience', NA, message('Audience composition not available for this title in this range.', 'na'));
  }
  const charts = DIMENSIONS.map(([dim, label]) => {
    const shown = cells.filter(c => c.dimension === dim && typeof c.index === 'number');
    const hidden = cells.filter(c => c.dimension === dim && typeof c.index !== 'number');
    if (shown.length === 0 && hidden.length === 0) return null;
    const rows = shown.slice().sort((a, b) => a.index - b.index);
    return el('div', {className: 'audience-dim'},
        el('h3', {}, label),
        rows.length ? chart('audience-chart-' + dim, {
          tooltip: {trigger: 'item', renderMode: 'richText'},
          grid: {left: 8, right: 48, top: 8, bottom: 24, containLabel: true},
          xAxis: axisStyle({type: 'value', min: 0, name: 'index', nameLocation: 'middle', nameGap: 22}),
          yAxis: axisStyle({type: 'category', data: rows.map(c => String(c.value)), splitLine: {show: false}}),
          series: [{type: 'bar', barMaxWidth: 18,
            data: rows.map(c => ({value: c.index, itemStyle: {color: resonating.has(key(c)) ? COLORS.accent : '#c1c8d6',
              borderRadius: [0, 4, 4, 0]}})),
            label: {show: true, position: 'right', color: COLORS.muted, formatter: p => Math.round(p.value)},
            markLine: {symbol: 'none', silent: true, lineStyle: {color: COLORS.ink, type: 'dashed'},
              label: {show: false}, data: [{xAxis: 100}]}}],
        }, rows.length <= 4 ? 'rows-s' : rows.length <= 8 ? 'rows-m' : 'rows-l') : null,
        hidden.length ? el('p', {className: 'muted small'}, 'Fewer than 10 viewers (not shown): ',
            hidden.map(c => String(c.value)).join(', ')) : null);
  }).filter(Boolean);
  const chips = res.length
    ? el('div', {className: 'chips'}, res.map(r => el('span', {className: 'chip resonates'},
        el('strong', {}, String(r.value)), ' ' + (DIMENSIONS.find(d => d[0] === r.dimension)?.[1] || r.dimension)
        + ' · index ' + num(r.index) + ' · p ' + (typeof r.p_value === 'number' ? r.p_value.toExponential(1) : NA)
        + ' · ' + num(r.viewers) + ' viewers')))
    : el('p', {className: 'muted'}, 'No cell resonates significantly (index ≥ 120, p < 0.01).');
  return csvPanel('Audience', 'Index = the share of this title\'s viewers in a group ÷ that group\'s share of all active viewers × 100. '
      + 'Dashed line: the platform (100). Red: resonates (index ≥ 120, significant at p < 0.01).', csvOf(ctx, 'audience'),
      el('div', {className: 'resonates-row'}, el('h3', {}, 'Resonates with'), chips),
      el('div', {id: 'audience', className: 'audience-grid'}, charts));
}

function dailyPanel(data, ctx) {
  const days = list(data, 'daily');
  if (days.length === 0) return panel('Daily trend', NA, message('Daily figures not available.', 'na'));
  const small = days.filter(d => suppressed(d.views)).length;
  if (small === days.length) {
    return panel('Daily trend', 'Views and hours watched per day.',
        message('Every day of this range had fewer than 10 viewers: the daily figures are suppressed.', 'na'));
  }
  return csvPanel('Daily trend', 'Views and hours watched per day' + (small ? '; ' + small + ' day(s) under 10 viewers left out' : '') + '.', csvOf(ctx, 'daily'),
      chart('daily-chart', {
        legend: {top: 0, left: 'center', textStyle: {color: COLORS.muted}},
        xAxis: axisStyle({type: 'category', data: days.map(d => String(d.date))}),
        yAxis: [axisStyle({type: 'value', name: 'views'}), axisStyle({type: 'value', name: 'hours', splitLine: {show: false}})],
        series: [
          {name: 'Views', type: 'bar', data: days.map(d => value(d.views)), itemStyle: {color: COLORS.blue, borderRadius: [3, 3, 0, 0]}},
          {name: 'Hours', type: 'line', yAxisIndex: 1, data: days.map(d => value(d.hours)), smooth: true,
            itemStyle: {color: COLORS.teal}, lineStyle: {width: 2}},
        ],
      }));
}

function similarPanel(data, ctx) {
  const sim = list(data, 'similar');
  return csvPanel('Viewers also watched', 'Titles whose viewers overlap most with this one\'s (at least 10 co-viewers; score: cosine).',
      csvOf(ctx, 'similar'),
      table([
        {label: 'Title', value: s => el('a', {href: ctx.link('title', s.asset_id), className: 'similar-link'}, pick(s, 'title') || s.asset_id)},
        {label: 'Co-viewers', className: 'num', value: s => [num(s.co_viewers), s.co_viewers]},
        {label: 'Score', className: 'num', value: s => [num(pick(s, 'score', 'lift', 'cosine')), pick(s, 'score', 'lift', 'cosine')]},
      ], sim, {id: 'similar'}));
}

export default async function title(ctx) {
  const data = await api.get('/v1/insights/titles/' + encodeURIComponent(ctx.id || '') + '?' + ctx.rangeQuery);
  ctx.fresh(data.freshness);
  const t = pick(data, 'title.title', 'title', 'metadata.title');
  const name = typeof t === 'string' ? t : ctx.id;
  const meta = pick(data, 'metadata') || (typeof data.title === 'object' ? data.title : data);
  const seriesId = pick(meta, 'kind') === 'series' ? ctx.id : pick(meta, 'series_id');
  ctx.title(name, [['Titles', ctx.link('titles')]].concat(seriesId ? [[pick(meta, 'series') || 'Series', ctx.link('series', seriesId)]] : []));
  const rating = pick(data, 'rating') || {};
  const facts = [pick(meta, 'kind'), (pick(meta, 'genres') || []).join?.(', '),
    typeof pick(meta, 'runtime_s') === 'number' ? Math.round(meta.runtime_s / 60) + ' min' : null].filter(Boolean).join(' · ');
  return [
    el('p', {className: 'subtitle'}, facts,
        seriesId ? el('a', {href: ctx.link('series', seriesId), className: 'series-link'}, '  Series funnel →') : null),
    el('div', {className: 'kpis'},
        kpi('Views', num(data.views), 'starts: ' + num(data.starts)),
        kpi('Unique viewers', num(data.unique_viewers)),
        kpi('Hours watched', hours(data.hours_watched)),
        kpi('Full-view equivalents', num(data.full_view_equivalents)),
        kpi('Completion rate', pct(data.completion_rate)),
        kpi('Avg share watched', pct(data.avg_share_watched)),
        kpi('Rating', typeof rating.average === 'number' ? rating.average.toFixed(1) : suppressed(rating.count) ? String(rating.count) : NA,
            rating.count !== undefined ? num(rating.count) + ' ratings' : null),
        kpi('Watchlist adds', num(pick(data, 'watchlist_adds'))),
        kpi('Watching now', num(pick(data, 'concurrent_viewers'))),
    ),
    retentionPanel(data, ctx),
    audiencePanel(data, ctx),
    el('div', {className: 'two'}, dailyPanel(data, ctx), similarPanel(data, ctx)),
  ];
}
