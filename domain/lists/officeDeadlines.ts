/**
 * How one case's deadlines are counted, given the lists as loaded: the case's office as the list has it
 * (old free text such as "cdmx" included), its closures, hours and zone. The deadline activity and the
 * import's preview (app/import) count through this one function.
 */
import type { ComputedDeadline } from '../case/state';
import { computeCaseDeadline, type DeadlineRequest } from '../caseDeadline';
import type { Overlay } from '../overlays';
import type { RulePack } from '../rules/rulePackSchema';
import { officeContext, withListedOffices, type Office } from './offices';

export function deadlineCounter(pack: RulePack, offices: Office[], loadedOverlays: Overlay[], officeName: string | undefined): (req: DeadlineRequest) => ComputedDeadline {
  const overlays = withListedOffices(loadedOverlays, offices);
  const office = officeContext(officeName, offices);
  return (req) => computeCaseDeadline(pack, overlays, office.office, req, office.hours);
}
