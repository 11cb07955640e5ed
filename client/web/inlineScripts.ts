/**
 * Every inline <script> the pages may carry. The Content-Security-Policy allows exactly these, by their
 * SHA-256 hashes (client/api/hardening.ts): a script injected into a page would not run. A page that
 * needs a new script adds it here and renders it with `raw(...)`.
 */

/** The event form shows only the fields of the chosen event type. */
export const EVENT_FORM_SCRIPT =
  "(function(){var s=document.getElementById('ev-type');function u(){document.querySelectorAll('#event-form [data-for]').forEach(function(e){e.hidden=e.getAttribute('data-for').split(' ').indexOf(s.value)<0})}s.addEventListener('change',u);u()})()";

export const INLINE_SCRIPTS: readonly string[] = [EVENT_FORM_SCRIPT];
