// One audience: size, composition, size history with daily adds and drops, the rule as JSON,
// export buttons, compare with another, copy into the builder, delete (asked twice).
import * as api from './api.js';
import {el, fill, kpi, list, message, panel} from './dom.js';
import {COLORS, axisStyle, chart, value} from './charts.js';
import {composition, exports, size, when} from './audience-view.js';
import {pretty} from './audience-rule.js';

/** A figure card holding text (a time, an id) in a smaller type than a number's. */
function textKpi(label, text) {
  const k = kpi(label, text);
  k.classList.add('kpi-text');
  return k;
}

function historyPanel(data) {
  const days = list(data, 'history');
  if (days.length === 0) return panel('Size history', null, message('No history yet.', 'na'));
  return panel('Size history', 'Members each day (line) and who joined or left that day (bars); under 10 left out of the chart.',
      chart('history-chart', {
        legend: {top: 0, left: 'center', textStyle: {color: COLORS.muted}},
        xAxis: axisStyle({type: 'category', data: days.map(d => String(d.day))}),
        yAxis: [axisStyle({type: 'value', name: 'members'}), axisStyle({type: 'value', name: 'adds / drops', splitLine: {show: false}})],
        series: [
          {name: 'Members', type: 'line', data: days.map(d => value(d.size)), symbolSize: 6,
            itemStyle: {color: COLORS.blue}, lineStyle: {width: 3}},
          {name: 'Adds', type: 'bar', yAxisIndex: 1, stack: 'moves', data: days.map(d => value(d.adds)),
            itemStyle: {color: COLORS.teal}},
          {name: 'Drops', type: 'bar', yAxisIndex: 1, stack: 'moves', data: days.map(d => (value(d.drops) === null ? null : -d.drops)),
            itemStyle: {color: COLORS.accent}},
        ],
      }));
}

function deleteBox(data) {
  const status = el('p', {id: 'delete-status', className: 'error', role: 'alert'});
  const ask = el('button', {id: 'delete-audience', type: 'button', className: 'danger'}, 'Delete audience');
  const sure = el('button', {id: 'delete-confirm', type: 'button', className: 'danger', hidden: true}, 'Yes, delete “' + data.name + '”');
  const cancel = el('button', {id: 'delete-cancel', type: 'button', className: 'ghost', hidden: true}, 'Cancel');
  const toggle = open => {
    ask.hidden = open;
    sure.hidden = !open;
    cancel.hidden = !open;
  };
  ask.addEventListener('click', () => toggle(true));
  cancel.addEventListener('click', () => toggle(false));
  sure.addEventListener('click', async () => {
    sure.disabled = true;
    try {
      await api.send('DELETE', '/v1/audiences/' + encodeURIComponent(data.id));
      location.hash = '#/audiences';
    } catch (e) {
      if (e instanceof api.SignedOut) location.reload();
      fill(status, e.message);
      toggle(false);
    } finally {
      sure.disabled = false;
    }
  });
  return el('div', {className: 'delete-box'}, ask, sure, cancel, status);
}

function comparePicker(data, others) {
  if (others.length === 0) return el('p', {className: 'muted'}, 'Save another audience to compare this one with it.');
  const pick = el('select', {id: 'compare-with', 'aria-label': 'Compare with'},
      others.map(o => el('option', {value: o.id}, String(o.name))));
  const form = el('form', {id: 'compare-form', className: 'filters'}, pick,
      el('button', {type: 'submit', className: 'small-button'}, 'Compare'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    location.hash = '#/audience-compare/' + encodeURIComponent(data.id) + '?with=' + encodeURIComponent(pick.value);
  });
  return form;
}

export default async function audience(ctx) {
  const id = ctx.id || '';
  const [data, all] = await Promise.all([api.get('/v1/audiences/' + encodeURIComponent(id)), api.get('/v1/audiences')]);
  ctx.title(String(data.name), [['Audiences', '#/audiences']]);
  ctx.note('Computed ' + when(data.computed_at) + '; recomputed every ' + (data.refresh_minutes ?? '?')
      + ' min (never older than an hour), and members who withdraw consent leave at once.');
  const others = list(all, 'audiences').filter(o => o.id !== data.id);
  const rule = el('pre', {id: 'audience-rule', className: 'rule-pre'}, pretty(data.rule));
  return [
    el('div', {className: 'kpis'},
        el('div', {id: 'audience-size'}, kpi('Members', size(data.size), 'with the consent rules applied')),
        textKpi('Computed', when(data.computed_at)),
        textKpi('Id', String(data.id))),
    el('div', {className: 'two'},
        panel('Composition', 'Members by age bracket, gender and country; cells under 10 shown as <10 (and one more '
            + 'where the others would give it away).', composition(data, 'audience-composition')),
        historyPanel(data)),
    el('div', {className: 'two'},
        panel('Rule', null, rule, el('a', {id: 'copy-rule', className: 'button ghost', href: '#/audience-new?copy=' + encodeURIComponent(data.id)},
            'Copy into the builder')),
        el('div', {className: 'stack'},
            panel('Export', 'A file for the ad platform\'s upload (hashed as it requires) or the member ids.', exports(data.id)),
            panel('Compare', null, comparePicker(data, others)),
            panel('Delete', 'An audience named by another one\'s member_of cannot be deleted first.', deleteBox(data)))),
  ];
}
audience.noRange = true;
