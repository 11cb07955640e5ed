/** The bench's options: the rush's default lead puts the cases' before-Plazo summaries before the instant. */
import { IMPORT_SUMMARY_DELAY_MS } from '../domain/case/deadlineOpening';
import { parseArgs, RUSH_LEAD_SECONDS } from './args';

test('the rush waits past the summaries by default; an explicit lead, the window and --quick keep theirs', () => {
  expect(RUSH_LEAD_SECONDS * 1000).toBeGreaterThan(IMPORT_SUMMARY_DELAY_MS);
  expect(parseArgs(['--scenario', 'rush']).leadSeconds).toBe(RUSH_LEAD_SECONDS);
  expect(parseArgs(['--scenario', 'rush', '--lead-seconds', '60']).leadSeconds).toBe(60);
  expect(parseArgs(['--scenario', 'rush', '--quick']).leadSeconds).toBe(30);
  expect(parseArgs([]).leadSeconds).toBe(60);
});
