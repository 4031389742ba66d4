// One finding of the accuracy run, and the key a judgment is filed under: repository, commit, rule,
// path and line (not the message, whose wording may change; score.ts flags a judgment whose
// message no longer matches, to be read again).
export interface FoundRow {
  key: string;
  repo: string;
  commit: string;
  rule: string;
  severity: string;
  path: string;
  line: number;
  message: string;
}

export const findingKey = (f: Omit<FoundRow, "key" | "severity" | "message">): string => `${f.repo}@${f.commit.slice(0, 12)} ${f.rule} ${f.path}:${f.line}`;

/**
 * A reviewer's judgment of one finding: `right` (a real capability change an approver should see at
 * this severity), `wrong` (a false alarm: nothing new, or not what the message says), or
 * `not-agent` (true, but about CI that runs no agent: a CI linter's finding, not this review's).
 */
export interface Judgment {
  verdict: "right" | "wrong" | "not-agent";
  /** Why, in the judge's own words (no text copied from the repository). */
  note: string;
  /** The message judged, to tell when the finding has changed since. */
  message: string;
}
