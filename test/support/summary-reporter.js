// Prints the closing line CI reads, "N passed, N failed", and leaves the counts in
// .local/jest-summary.json so scripts/test.sh can add its static checks and print the final line.
const { mkdirSync, writeFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    // A suite that fails to load reports no failed test; count it as a failure all the same.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const passed = results.numPassedTests;
    const skipped = results.numPendingTests + results.numTodoTests;
    mkdirSync('.local', { recursive: true });
    writeFileSync('.local/jest-summary.json', JSON.stringify({ passed, failed, skipped }));
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
