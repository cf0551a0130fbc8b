// Audiences: the saved ones (name, size, when computed), a new one, compare two.
import * as api from './api.js';
import {el, list, message, panel, table} from './dom.js';
import {size, when} from './audience-view.js';

export default async function audiences(ctx) {
  ctx.title('Audiences');
  const data = await api.get('/v1/audiences');
  const rows = list(data, 'audiences');
  ctx.note('Membership recomputed every ' + (data.refresh_minutes ?? '?') + ' min and at once on save; '
      + 'a consent withdrawal leaves every audience at once.');
  return [
    el('div', {className: 'toolbar'},
        el('a', {id: 'new-audience', className: 'button primary-link', href: '#/audience-new'}, '+ New audience'),
        rows.length >= 2 ? el('a', {id: 'compare-audiences', className: 'button ghost', href: '#/audience-compare'}, 'Compare two') : null),
    panel('Saved audiences', 'Sizes under 10 are shown as <10.', rows.length === 0
      ? message('No audience saved yet: build one with “New audience”.', 'na') : table([
      {label: 'Name', value: r => el('a', {href: '#/audience/' + encodeURIComponent(r.id), className: 'audience-link'}, String(r.name))},
      {label: 'Size', className: 'num', value: r => [size(r.size), r.size]},
      {label: 'Computed', className: 'num', value: r => [when(r.computed_at), null]},
    ], rows, {id: 'audiences-table'})),
  ];
}
audiences.noRange = true;
