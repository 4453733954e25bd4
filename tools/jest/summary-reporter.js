/**
 * Ends a run with one plain line, "N passed, N failed", that CI systems read without parsing
 * Jest's table.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.once('exit', () =>
      process.stdout.write(`\n${skipped ? `${line}, ${skipped} skipped` : line}\n`),
    );
  }
}

module.exports = SummaryReporter;
