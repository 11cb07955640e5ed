/**
 * The dates Plazo answers for, in one place. Every edge (CLI, API schemas, the workflow's Update
 * validator and intake) refuses a date outside these bounds with an error naming the field, before
 * anything is stored, instead of computing on calendars that do not hold for that year.
 *
 * - Terms: the calendars are transcribed from the law as it stands since LFT art. 74's Monday holidays
 *   (2007) and are only vouched for up to LAST_COVERED_DATE; later years need their DOF closure data.
 * - Births: from 1990, so the 18th birthday of any child whose case Plazo opens is covered.
 * Plain constants and functions, no zod: the workflow imports this.
 */
export const COVERAGE = {
  firstBirthDate: '1990-01-01',
  firstTermDate: '2007-01-01',
  lastTermDate: '2045-12-31',
} as const;

export const FIRST_SUPPORTED_YEAR = Number(COVERAGE.firstTermDate.slice(0, 4));
export const LAST_SUPPORTED_YEAR = Number(COVERAGE.lastTermDate.slice(0, 4));
export const FIRST_BIRTH_YEAR = Number(COVERAGE.firstBirthDate.slice(0, 4));

/** Why a date (YYYY-MM-DD or the date part of an instant) is outside the covered range, or null. */
export function termDateOutOfRange(when: string): string | null {
  const day = when.slice(0, 10);
  if (day < COVERAGE.firstTermDate || day > COVERAGE.lastTermDate) {
    return `${day} is outside the dates Plazo's calendars cover (${COVERAGE.firstTermDate} to ${COVERAGE.lastTermDate})`;
  }
  return null;
}

/** A birth date must be from 1990 on, not after the last covered day, and its 18th birthday covered too. */
export function birthDateOutOfRange(birth: string): string | null {
  const day = birth.slice(0, 10);
  if (day < COVERAGE.firstBirthDate || day > COVERAGE.lastTermDate) {
    return `${day} is outside the birth dates Plazo covers (${COVERAGE.firstBirthDate} to ${COVERAGE.lastTermDate})`;
  }
  const eighteenth = `${String(Number(day.slice(0, 4)) + 18).padStart(4, '0')}${day.slice(4)}`;
  if (eighteenth > COVERAGE.lastTermDate) {
    return `the 18th birthday (${eighteenth.slice(0, 10)}) is after ${COVERAGE.lastTermDate}, the last day Plazo's calendars cover`;
  }
  return null;
}
