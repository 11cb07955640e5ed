// Prints jest's result as the plain closing line CI reads ("tests: N passed, N failed"), from the JSON
// jest wrote; jest's own summary ("Tests: 12 passed, 12 total") is not a format CI knows.
const { readFileSync } = require('node:fs');
const file = process.argv[2];
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
} catch (err) {
  process.stdout.write(`\ntests: no results in ${file} (${err.message})\n`);
}
