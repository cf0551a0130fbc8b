// Parts shared by the audience pages: composition bars (a small cell shown as "<10", as the API
// sends it), the figures' freshness, and the export buttons.
import * as api from './api.js';
import {NA, el, fill, list, num, suppressed} from './dom.js';

const DIMENSIONS = [['age_bracket', 'Age bracket'], ['gender', 'Gender'], ['country', 'Country']];
export const FORMATS = [['google', 'Google Customer Match'], ['meta', 'Meta Custom Audiences'], ['user-ids', 'User ids']];

/** A size as shown: a number, "<10" for a suppressed one, or not available. */
export function size(v) {
  return suppressed(v) ? String(v) : num(v);
}

/** A time as "YYYY-MM-DD HH:MM UTC", or not available. */
export function when(iso) {
  const d = new Date(iso || '');
  return iso && !isNaN(d) ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : NA;
}

/**
 * The composition by age bracket, gender and country as bars (the widths set through the CSSOM,
 * which the CSP allows, not a style attribute); a suppressed cell is a row reading "<10" with no bar.
 */
export function composition(data, id) {
  const comp = (data && data.composition) || {};
  return el('div', {id, className: 'composition'}, DIMENSIONS.map(([dim, label]) => {
    const cells = list(comp, dim);
    const max = Math.max(1, ...cells.map(c => (typeof c.users === 'number' ? c.users : 0)));
    return el('div', {className: 'comp-dim', dataset: {dimension: dim}},
        el('h3', {}, label),
        cells.length === 0 ? el('p', {className: 'na'}, 'No members') : cells.map(c => {
          const bar = el('span', {className: 'comp-bar' + (suppressed(c.users) ? ' hidden-cell' : '')});
          if (typeof c.users === 'number') bar.style.width = Math.max(1, Math.round(100 * c.users / max)) + '%';
          return el('div', {className: 'comp-row', dataset: {value: String(c.value)}},
              el('span', {className: 'comp-label'}, String(c.value)),
              el('span', {className: 'comp-track'}, bar),
              el('span', {className: 'comp-count' + (suppressed(c.users) ? ' suppressed' : '')}, size(c.users)));
        }));
  }));
}

/** The file name of a download, from its Content-Disposition. */
function fileName(r, fallback) {
  const m = /filename="?([^";]+)"?/.exec(r.headers.get('Content-Disposition') || '');
  return m ? m[1] : fallback;
}

/**
 * The export buttons of audience id: each a form POST to /v1/audiences/{id}/exports?format=F (the
 * session cookie and this page's Origin go with it), sent by fetch so that a refusal (fewer than
 * 100 members, say) is shown here; the file itself is handed to the browser as a download.
 */
export function exports(id) {
  const status = el('p', {id: 'export-status', className: 'export-status', role: 'status'});
  const forms = FORMATS.map(([format, label]) => {
    const action = '/v1/audiences/' + encodeURIComponent(id) + '/exports?format=' + format;
    const button = el('button', {type: 'submit', className: 'export-button', dataset: {format}}, label);
    const form = el('form', {method: 'post', action, className: 'export-form'}, button);
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      button.disabled = true;
      status.className = 'export-status';
      fill(status, 'Exporting ' + label + '…');
      try {
        const r = await fetch(action, {method: 'POST', credentials: 'same-origin'});
        if (r.status === 401) throw new api.SignedOut(await api.errorText(r));
        if (!r.ok) {
          status.className = 'export-status error';
          const why = String(await api.errorText(r)).replace(/^export refused:\s*/i, '');
          fill(status, 'Export ' + (r.status === 422 ? 'refused' : 'failed') + ' (' + r.status + '): ' + why);
          return;
        }
        const blob = await r.blob();
        const url = URL.createObjectURL(blob);
        const a = el('a', {href: url, download: fileName(r, 'audience-' + id + '-' + format + '.csv')});
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        fill(status, 'Exported: ' + (r.headers.get('X-Marquee-Export-Summary') || fileName(r, format)));
      } catch (e) {
        status.className = 'export-status error';
        fill(status, e instanceof api.SignedOut ? 'Your session has ended; sign in again.' : 'Export failed: ' + e.message);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  });
  return el('div', {id: 'exports', className: 'exports'}, el('div', {className: 'export-buttons'}, forms), status,
      el('p', {className: 'muted small'}, 'Ad platforms get only members aged 18 or over with the consent the '
          + 'server requires; the file is streamed to you and kept nowhere; under 100 members to send, it is refused.'));
}
