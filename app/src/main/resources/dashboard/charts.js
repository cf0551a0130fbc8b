// Apache ECharts 6 on the canvas renderer; tooltips drawn on the canvas too (richText), so no
// client-controlled string is ever parsed as HTML.
import {el} from './dom.js';

const live = new Set();

export const COLORS = {
  accent: '#e5484d', accentSoft: 'rgba(229,72,77,0.14)', ink: '#1c2024', muted: '#80838d',
  line: '#e8e8ec', peer: '#8b8d98', blue: '#3e63dd', teal: '#12a594', amber: '#f5a524', violet: '#8e4ec6',
};
const PALETTE = [COLORS.accent, COLORS.blue, COLORS.teal, COLORS.amber, COLORS.violet, '#d6409f', '#0090ff'];

window.addEventListener('resize', () => live.forEach(c => c.resize()));

/** Disposes every chart of the previous page. */
export function disposeAll() {
  live.forEach(c => c.dispose());
  live.clear();
}

/** A chart container (id for tests) with the given option drawn in it. */
export function chart(id, option, size) {
  const box = el('div', {id, className: 'chart ' + (size || '')});
  // ECharts needs the box laid out: draw once it is in the document.
  requestAnimationFrame(() => {
    if (!box.isConnected || typeof echarts === 'undefined') return;
    const c = echarts.init(box, null, {renderer: 'canvas'});
    c.setOption(Object.assign({
      color: PALETTE,
      animation: false,
      textStyle: {fontFamily: 'Inter, system-ui, sans-serif', color: COLORS.ink},
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      grid: {left: 48, right: 24, top: 36, bottom: 32, containLabel: true},
    }, option));
    live.add(c);
  });
  return box;
}

export function axisStyle(extra) {
  return Object.assign({
    axisLine: {lineStyle: {color: COLORS.line}},
    axisTick: {show: false},
    axisLabel: {color: COLORS.muted},
    splitLine: {lineStyle: {color: COLORS.line}},
  }, extra || {});
}

/** A number for a chart: null for suppressed or missing values (a gap, not a zero). */
export function value(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
