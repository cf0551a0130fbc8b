// Compare two audiences (#/audience-compare/A?with=B): both sizes, who is in both, the union and
// the Jaccard index, and a Venn-like bar of only A / both / only B.
import * as api from './api.js';
import {NA, el, kpi, list, message, num, panel} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';
import {size} from './audience-view.js';

function picker(all, a, b) {
  const select = (id, label, chosen) => el('select', {id, 'aria-label': label},
      all.map(o => el('option', {value: o.id, selected: o.id === chosen}, String(o.name))));
  const first = select('compare-a', 'First audience', a || (all[0] && all[0].id));
  const second = select('compare-b', 'Second audience', b || (all[1] && all[1].id));
  const form = el('form', {id: 'compare-pick', className: 'filters'}, first, el('span', {className: 'muted'}, 'with'), second,
      el('button', {type: 'submit', className: 'primary small-button'}, 'Compare'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    location.hash = '#/audience-compare/' + encodeURIComponent(first.value) + '?with=' + encodeURIComponent(second.value);
  });
  return form;
}

/** A count less another when both are known, else null (a suppressed cell gives nothing away). */
function minus(x, y) {
  return typeof x === 'number' && typeof y === 'number' ? x - y : null;
}

function overlapChart(o, nameA, nameB) {
  const both = value(o.intersection);
  const onlyA = minus(o.a.size, o.intersection);
  const onlyB = minus(o.b.size, o.intersection);
  if (both === null || onlyA === null || onlyB === null) {
    return message('The overlap is under 10 members, so it is not drawn.', 'na');
  }
  const bar = (name, data, color) => ({name, type: 'bar', stack: 'overlap', barMaxWidth: 36, data,
    itemStyle: {color}, label: {show: true, color: '#fff', formatter: p => (p.value ? num(p.value) : '')}});
  // rows: B (bottom), A (top); an invisible spacer shifts B by A's own part, so both parts line up
  const spacer = {name: 'spacer', type: 'bar', stack: 'overlap', silent: true, data: [onlyA, 0],
    itemStyle: {color: 'rgba(0,0,0,0)'}, label: {show: false}};
  const names = ['Only in ' + nameA, 'In both', 'Only in ' + nameB];
  return chart('overlap-chart', {
    tooltip: {trigger: 'item', renderMode: 'richText'},
    legend: {top: 0, left: 'center', data: names, textStyle: {color: COLORS.muted}},
    grid: {left: 8, right: 24, top: 36, bottom: 24, containLabel: true},
    xAxis: axisStyle({type: 'value', name: 'members', nameLocation: 'middle', nameGap: 22}),
    yAxis: axisStyle({type: 'category', data: [nameB, nameA], splitLine: {show: false},
      axisLabel: {color: COLORS.muted, width: 180, overflow: 'truncate'}}),
    series: [bar(names[0], [0, onlyA], COLORS.blue), spacer, bar(names[1], [both, both], COLORS.violet),
      bar(names[2], [onlyB, 0], COLORS.teal)],
  }, 'rows-s');
}

export default async function compare(ctx) {
  ctx.title('Compare audiences', [['Audiences', '#/audiences']]);
  ctx.note('Both audiences as they are now; counts under 10 are shown as <10, and then no Jaccard index.');
  const all = list(await api.get('/v1/audiences'), 'audiences');
  const a = ctx.id;
  const b = ctx.query.get('with');
  const head = all.length < 2 ? message('Save two audiences to compare them.', 'na') : picker(all, a, b);
  if (!a || !b) return [head];
  const o = await api.get('/v1/audiences/' + encodeURIComponent(a) + '/overlap/' + encodeURIComponent(b));
  const name = id => String((all.find(x => x.id === id) || {}).name || id);
  return [
    head,
    el('div', {id: 'overlap', className: 'kpis'},
        kpi(name(a), size(o.a.size), 'members'),
        kpi(name(b), size(o.b.size), 'members'),
        el('div', {id: 'overlap-both'}, kpi('In both', size(o.intersection), 'intersection')),
        kpi('In either', size(o.union), 'union'),
        el('div', {id: 'overlap-jaccard'}, kpi('Jaccard', typeof o.jaccard === 'number' ? o.jaccard.toFixed(3) : NA,
            'in both ÷ in either'))),
    panel('Overlap', 'Who is only in one audience, and who is in both.', overlapChart(o, name(a), name(b))),
  ];
}
compare.noRange = true;
