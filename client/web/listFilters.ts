/** The filter fields "Mis casos" and the inbox share: search, phase, office and (for overseers) who holds the case. */
import { PHASES } from '../../domain/case/events';
import type { CaseFilters } from '../../db/queries/caseFilters';
import { type Lang, phaseLabel, words, listWords } from '../../domain/messages/catalogue';
import type { ScopeOptions } from '../../app/scopeOptions';
import { attr, html, type Html } from './html';

export const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${attr(current === value, 'selected')}>${label}</option>`;

export function commonFilterFields(f: CaseFilters, options: ScopeOptions, lang: Lang, withHolder: boolean): Html {
  const lw = listWords(lang);
  return html`<label>${lw.search}<input type="search" name="q" value="${f.q ?? ''}" maxlength="100"></label>
<label>${words(lang).phase}<select name="phase">${option('', lw.any, f.phase ?? '')}${PHASES.map((ph) => option(ph, phaseLabel(ph, lang), f.phase))}</select></label>
${options.offices.length > 0 ? html`<label>${lw.office}<select name="office">${option('', lw.any, f.office ?? '')}${options.offices.map((o) => option(o, o, f.office))}</select></label>` : ''}
${withHolder ? html`<label>${lw.holder}<select name="caseworker">${option('', lw.anyone, f.caseworker ?? '')}${options.caseworkers.map((c) => option(c.id, c.name, f.caseworker))}</select></label>` : ''}`;
}
