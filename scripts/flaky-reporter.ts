import { appendFileSync } from "node:fs";
import type { Reporter, TestCase } from "vitest/node";

/**
 * Writes every test that passed only on a retry to the file named by REEKS_FLAKY_REPORT, one line each,
 * so that `pnpm test` lists them at the end: a retry keeps CI from failing on one unlucky timing, but
 * the test is still shown as flaky, with the error of its failed attempt, for someone to fix.
 */
export default class FlakyReporter implements Reporter {
  onTestCaseResult(testCase: TestCase) {
    const file = process.env.REEKS_FLAKY_REPORT;
    const diagnostic = testCase.diagnostic();
    if (!file || !diagnostic?.flaky) return;
    const error = testCase.result().errors?.[0]?.message?.split("\n")[0] ?? "";
    const where = testCase.module.relativeModuleId;
    appendFileSync(file, `${where} > ${testCase.fullName}: ${error.slice(0, 300)}\n`);
  }
}
