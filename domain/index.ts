/** Public surface of the legal clock: calendars, overlays, the rule pack and deadline computation. */
export { DomainInputError, isDomainInputError } from './errors';

export { CALENDAR_IDS } from './calendar/types';
export type { BusinessCalendar, CalendarId, Holiday, TransmissionReading } from './calendar/types';
export { buildCalendar, calendarLabel, type BuildCalendarOptions } from './calendar/businessCalendar';
export { readingSpecs, buildReadingCalendars, type ReadingSpec, type ReadingCalendar } from './calendar/readings';
export { lfpaHolidays, LFPA_FIXED_HOLIDAYS } from './calendar/lfpaArt28';
export { lftHolidays } from './calendar/lftArt74';
export { isTransmissionYear, actualTransmissionDay } from './calendar/transmission';
export { nonBusinessDaysOf, type NonBusinessDay } from './calendar/yearListing';

export {
  AGENCIES,
  OverlaySchema,
  OverlayFileSchema,
  OverlayScopeSchema,
  OverlayCitationSchema,
  parseOverlayFile,
  parseOverlays,
  overlayApplies,
  type Agency,
  type Overlay,
  type OverlayInput,
  type OverlayFile,
} from './overlays';
export { SEED_OVERLAYS } from './seedOverlays';

export { RULE_PACK, RULE_PACKS, getRule, getRulePack, parseRulePack } from './rules/rulePack';
export { RulePackSchema, RuleSchema, LawCitationSchema, UNITS } from './rules/rulePackSchema';
export type { Rule, RulePack, LawCitation, Unit } from './rules/rulePackSchema';

export {
  computeDeadline,
  recurringOccurrence,
  mexicoCityDate,
  type DeadlineInput,
  type DeadlineComputation,
  type ReadingResult,
  type SkippedDay,
} from './deadlines';

export { parseTrigger, endOfDayInstant, MX_ZONE, type Trigger } from './time/instant';
export { parseLocalDate, parseCalendarDate, isValidLocalDate, weekdayOf, addDays, FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './time/localDate';
export { COVERAGE, termDateOutOfRange, birthDateOutOfRange } from './coverage';
export { explainDeadline, termText } from './explanation';
export { closureWarnings } from './calendar/loadedClosures';
