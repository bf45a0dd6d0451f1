/**
 * The status for machines: one JSON object with the verdict and the whole report (absent when the stack
 * cannot be read). `--watch --json` prints one such object per line.
 */
import type { StatusReport } from "./status-report";
import type { Verdict } from "./verdict";

export interface StatusDocument {
  stack: string;
  verdict: Verdict;
  report: StatusReport | undefined;
}

export function renderJson(stack: string, verdict: Verdict, report: StatusReport | undefined): string {
  const document: StatusDocument = { stack, verdict, report };
  return JSON.stringify(document);
}
