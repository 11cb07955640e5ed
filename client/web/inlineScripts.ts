/**
 * Every inline <script> the pages may carry. The Content-Security-Policy allows exactly these, by their
 * SHA-256 hashes (client/api/hardening.ts): a script injected into a page would not run. A page that
 * needs a new script adds it here and renders it with `raw(...)`.
 */

/** The event form shows only the fields of the chosen event type. */
export const EVENT_FORM_SCRIPT =
  "(function(){var s=document.getElementById('ev-type');function u(){document.querySelectorAll('#event-form [data-for]').forEach(function(e){e.hidden=e.getAttribute('data-for').split(' ').indexOf(s.value)<0})}s.addEventListener('change',u);u()})()";

/**
 * The lists' live countdown of hour-counted deadlines: each `[data-due]` clock (hidden without JS; the
 * badge beside it already says the hours left, computed by domain/remaining.ts) ticks h:mm:ss to the
 * instant, then shows its `data-over` word.
 */
export const COUNTDOWN_SCRIPT =
  "(function(){var c=document.querySelectorAll('[data-due]');function p(n){return(n<10?'0':'')+n}function u(){var now=Date.now();c.forEach(function(e){var s=Math.floor((Date.parse(e.getAttribute('data-due'))-now)/1000);e.hidden=false;e.textContent=s>0?Math.floor(s/3600)+':'+p(Math.floor(s%3600/60))+':'+p(s%60):e.getAttribute('data-over')})}u();setInterval(u,1000)})()";

/**
 * The import page's file: read in the browser into the form's hidden name and base64 fields (the forms
 * post urlencoded, as every page's), the preview button enabled once it is read; while an import runs,
 * its note shows.
 */
export const IMPORT_FILE_SCRIPT =
  "(function(){var f=document.getElementById('import-file'),b=document.getElementById('import-preview');if(f&&b){f.addEventListener('change',function(){var x=f.files[0];b.disabled=true;if(!x)return;var r=new FileReader();r.onload=function(){var s=String(r.result);document.getElementById('import-content').value=s.slice(s.indexOf(',')+1);document.getElementById('import-name').value=x.name;b.disabled=false};r.readAsDataURL(x)})}var g=document.getElementById('import-run');if(g)g.addEventListener('click',function(){document.getElementById('import-busy').hidden=false})})()";

/** An import's run page, while the import runs: drawn again every two seconds (the server keeps its progress). */
export const IMPORT_RUN_SCRIPT = "(function(){var e=document.getElementById('import-progress');if(e&&e.getAttribute('data-running')==='1')setTimeout(function(){location.reload()},2000)})()";

export const INLINE_SCRIPTS: readonly string[] = [EVENT_FORM_SCRIPT, COUNTDOWN_SCRIPT, IMPORT_FILE_SCRIPT, IMPORT_RUN_SCRIPT];
