import { DEMO_PEOPLE, demoPeopleLines } from './demoSeed';

test("the demo prints each person's email beside their token, one line each", () => {
  const people = DEMO_PEOPLE.map((p, i) => ({ ...p, token: `plz_token${i}`, calendarUrl: `http://localhost/calendar/${i}.ics` }));
  const lines = demoPeopleLines(people).split('\n');
  expect(lines).toHaveLength(DEMO_PEOPLE.length);
  DEMO_PEOPLE.forEach((p, i) => {
    expect(lines[i]).toMatch(new RegExp(`^\\s+${p.name}\\s+${p.email.replace(/\./g, '\\.')}\\s+${p.role}\\s+${p.language}\\s+plz_token${i}$`));
  });
  // The tokens line up in one column.
  expect(new Set(lines.map((l) => l.indexOf('plz_token'))).size).toBe(1);
});
