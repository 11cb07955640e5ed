/**
 * Which agencies' yearly acuerdos of non-business days are loaded. A term counted through a year whose
 * acuerdo is not loaded may end later than `due` says (the acuerdo can only close more days): say so.
 */
import { overlayApplies, type Overlay } from '../overlays';
import { yearOf } from '../time/localDate';

export function closureWarnings(
  overlays: readonly Overlay[],
  ctx: { agency: string; office?: string; ruleId?: string },
  from: string,
  to: string,
): string[] {
  const loaded = loadedYears(overlays, ctx);
  const out: string[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    if (!loaded.has(y)) {
      out.push(`${ctx.agency}'s closures for ${y} are not loaded (no yearly acuerdo of non-business days in Plazo's data): a declared closure could make the term end later; dueLatest allows for the usual ones.`);
    }
  }
  return out;
}

/** The years for which a yearly acuerdo (overlays marked `annual`) touching `ctx`'s terms is loaded. */
export function loadedYears(overlays: readonly Overlay[], ctx: { agency: string; office?: string; ruleId?: string }): Set<number> {
  return new Set(overlays.filter((o) => o.annual && overlayApplies(o, ctx)).map((o) => yearOf(o.start)));
}
