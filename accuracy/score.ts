// `npm run accuracy:score [-- FINDINGS]`: the findings of `npm run accuracy` against the judgments
// in accuracy/judged.json. Prints precision (right / judged, over the findings present now), the
// findings not judged yet and the judgments whose message changed since (to read again).
// `--record` appends the unjudged findings to accuracy/todo.jsonl for a reviewer to fill in.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { FoundRow, Judgment } from "./keys.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { record: { type: "boolean", default: false } } });
const findingsFile = positionals[0] ?? "accuracy/findings.jsonl";
const judged = JSON.parse(readFileSync("accuracy/judged.json", "utf8")) as Record<string, Judgment>;
const rows = existsSync(findingsFile)
  ? readFileSync(findingsFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as FoundRow)
  : [];

const counts = { right: 0, wrong: 0, "not-agent": 0 };
const unjudged: FoundRow[] = [];
const changed: FoundRow[] = [];
const byRule = new Map<string, { right: number; wrong: number }>();
for (const r of rows) {
  const j = judged[r.key];
  if (!j) {
    unjudged.push(r);
    continue;
  }
  if (j.message !== r.message) changed.push(r);
  counts[j.verdict]++;
  const t = byRule.get(r.rule) ?? { right: 0, wrong: 0 };
  if (j.verdict === "right") t.right++;
  else t.wrong++;
  byRule.set(r.rule, t);
}
const total = counts.right + counts.wrong + counts["not-agent"];
const pct = (n: number) => (total ? `${((100 * n) / total).toFixed(1)} %` : "-");
const out = [
  `${rows.length} high and critical findings; ${total} judged, ${unjudged.length} not yet, ${changed.length} changed since judged`,
  `right ${counts.right} (${pct(counts.right)}), wrong ${counts.wrong}, not about an agent ${counts["not-agent"]}`,
  `precision (right and agent-relevant / judged): ${pct(counts.right)}`,
  "",
  "by rule (right / judged):",
  ...[...byRule].sort((a, b) => a[0].localeCompare(b[0])).map(([rule, t]) => `  ${rule.padEnd(36)} ${t.right} / ${t.right + t.wrong}`),
];
process.stdout.write(out.join("\n") + "\n");
if (values.record) {
  writeFileSync("accuracy/todo.jsonl", [...unjudged, ...changed].map((r) => JSON.stringify(r)).join("\n") + "\n");
  process.stdout.write(`${unjudged.length + changed.length} findings to judge written to accuracy/todo.jsonl\n`);
}
// Unjudged findings of a run that was judged before fail the score: nothing new goes unread.
process.exitCode = unjudged.length || changed.length ? 1 : 0;
