/** The bench's options: the default lead puts the cases' before-Plazo summaries before the instant. */
import { IMPORT_SUMMARY_DELAY_MS } from '../domain/case/deadlineOpening';
import { parseArgs, SUMMARIES_LEAD_SECONDS } from './args';

test('the rush and the window wait past the summaries by default; an explicit lead and --quick keep theirs', () => {
  expect(SUMMARIES_LEAD_SECONDS * 1000).toBeGreaterThan(IMPORT_SUMMARY_DELAY_MS);
  expect(parseArgs(['--scenario', 'rush']).leadSeconds).toBe(SUMMARIES_LEAD_SECONDS);
  expect(parseArgs(['--scenario', 'rush', '--lead-seconds', '60']).leadSeconds).toBe(60);
  expect(parseArgs(['--scenario', 'rush', '--quick']).leadSeconds).toBe(30);
  expect(parseArgs([]).leadSeconds).toBe(SUMMARIES_LEAD_SECONDS);
  expect(parseArgs(['--lead-seconds', '240']).leadSeconds).toBe(240);
  expect(parseArgs(['--quick']).leadSeconds).toBe(30);
});
