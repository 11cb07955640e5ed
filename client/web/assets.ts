/**
 * The pages' shared script, served as a file (not inline, so a strict Content-Security-Policy can
 * forbid them): buttons that copy a field's text (`data-copy="<id>"`) and that print (`data-print`), and
 * every collapsed computation opened for printing.
 * Everything still works without it: the text is selectable and browsers print from their menu.
 */
import type { FastifyInstance } from 'fastify';

export const PAGE_SCRIPT_PATH = '/assets/plazo.js';

const PAGE_SCRIPT = `'use strict';
document.addEventListener('click', function (e) {
  var t = e.target instanceof Element ? e.target : null;
  var copy = t && t.closest('[data-copy]');
  if (copy) {
    var field = document.getElementById(copy.getAttribute('data-copy'));
    if (!field) return;
    var text = field.value !== undefined ? field.value : field.textContent;
    var done = function () { copy.textContent = copy.getAttribute('data-done') || copy.textContent; copy.setAttribute('data-copied', 'true'); };
    var fallback = function () { if (field.select) field.select(); try { document.execCommand('copy'); done(); } catch (err) { /* the text stays selected */ } };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
    return;
  }
  if (t && t.closest('[data-print]')) window.print();
});
// On paper every computation is shown: open the collapsed "how it was computed" sections before printing.
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('details:not([open])').forEach(function (d) { d.setAttribute('open', ''); d.setAttribute('data-print-opened', ''); });
});
window.addEventListener('afterprint', function () {
  document.querySelectorAll('details[data-print-opened]').forEach(function (d) { d.removeAttribute('open'); d.removeAttribute('data-print-opened'); });
});
`;

export function registerAssetRoutes(app: FastifyInstance): void {
  app.get(PAGE_SCRIPT_PATH, async (_req, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PAGE_SCRIPT),
  );
}
