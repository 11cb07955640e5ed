/**
 * An intake names its office and nationality from the lists (issue 23 item 5): the office as the list
 * names it (an alias such as "cdmx" is taken and stored as "COMAR CDMX"), the nationality as its ISO 3166
 * code. Anything else is a 422 naming the field, before any case is started.
 */
import { loadNationalities, loadOffices, loadPlaces } from '../../db/adminLists';
import type { Db } from '../../db/database';
import { isDomainInputError } from '../../domain';
import type { CaseIntake } from '../../domain/case/events';
import { requireListEntry } from '../../domain/lists/adminList';
import { requireNationality } from '../../domain/lists/nationalities';
import { requirePlace } from '../../domain/lists/places';
import { ApiError } from '../errors';

export async function withListedValues(db: Db, intake: CaseIntake): Promise<CaseIntake> {
  return listed(async () => {
    const office = intake.office === undefined ? undefined : requireListEntry(intake.office, await loadOffices(db), 'office', 'office').name;
    const nationality = intake.child.nationality === undefined ? undefined : requireNationality(intake.child.nationality, 'child.nationality', await loadNationalities(db));
    return { ...intake, ...(office ? { office } : {}), child: { ...intake.child, ...(nationality ? { nationality } : {}) } };
  });
}

/**
 * An office named elsewhere (an overlay's `scope.office`, an acuerdo's office): the listed office's name,
 * or a 422 naming `field`. The intake's check, so every path refuses the same offices.
 */
export async function listedOfficeName(db: Db, text: string, field: string): Promise<string> {
  return listed(async () => requireListEntry(text, await loadOffices(db), field, 'office').name);
}

/**
 * For other write paths (placement events): the listed place's name for a text, or a 422 naming `field`.
 * One validator, so every path refuses the same places.
 */
export async function listedPlaceName(db: Db, text: string, field: string): Promise<string> {
  return listed(async () => requirePlace(text, await loadPlaces(db), field).name);
}

async function listed<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (isDomainInputError(err)) throw new ApiError(422, 'invalid_request', err.message, err.field);
    throw err;
  }
}

/** The offices a form offers: those in use, by name. */
export async function activeOfficeNames(db: Db): Promise<string[]> {
  return (await loadOffices(db)).filter((o) => o.active).map((o) => o.name);
}

/** The places a placement form suggests: those in use, by name. */
export async function activePlaceNames(db: Db): Promise<string[]> {
  return (await loadPlaces(db)).filter((p) => p.active).map((p) => p.name);
}
