// Core analysis time: parse + diff + rules + policy + render (`review()`, the Markdown report and
// the JSON document), no I/O, for the whole corpus and for a generated pull request.
import { renderReviewMarkdown } from "../src/core/render/markdown.js";
import { reviewJson } from "../src/core/render/json.js";
import { analyze } from "../src/core/diff.js";
import { importedFiles, parseFile, review, type Verdict } from "../src/core/review.js";
import { scopeMatcher } from "../src/core/scope.js";
import { CORPUS } from "../test/corpus/files.js";
import { corpusChanges, typicalPr, type Change } from "./generate.js";
import { median, ms, percentile, timeRuns } from "./stats.js";

export interface CoreResult {
  name: string;
  description: string;
  reviews: number;
  files: number;
  bytes: number;
  capabilityChanges: number;
  findings: number;
  runs: number;
  /** The first analysis in this process, before the JIT has optimised anything (not in the median). */
  firstRunMs: number;
  medianMs: number;
  p95Ms: number;
  targetMs?: number;
  meetsTarget?: boolean;
  /** Where the time goes (medians of the stages timed on their own; they overlap `review()`'s total). */
  breakdownMs?: Record<string, number>;
}

/** Untimed runs before the timed ones. */
export const WARMUP_RUNS = 30;

/** One full analysis of a change, as the CLI and the app run it. */
function analyse(c: Change): { verdict: Verdict; bytes: number } {
  const verdict = review({ base: c.base, head: c.head, today: "2026-01-01" });
  const markdown = renderReviewMarkdown(verdict);
  const json = JSON.stringify(reviewJson(verdict));
  return { verdict, bytes: markdown.length + json.length };
}

const size = (c: Change) => [...c.base.values(), ...c.head.values()].reduce((n, t) => n + (typeof t === "string" ? Buffer.byteLength(t) : 0), 0);

function measure(name: string, description: string, changes: Change[], runs: number, targetMs?: number): CoreResult {
  const first = process.hrtime.bigint();
  const verdicts = changes.map((c) => analyse(c).verdict);
  const firstRunMs = ms(Number(process.hrtime.bigint() - first) / 1e6);
  // A generated change that does not parse would measure the error path, not the analysis.
  const broken = verdicts.flatMap((v) => v.findings.filter((f) => f.rule.startsWith("file.")));
  if (targetMs !== undefined && broken.length) throw new Error(`generated files do not parse: ${broken[0]!.message}`);
  // Steady state, as in a server that has reviewed a few dozen pull requests: V8 tiers hot code up
  // over the first few dozen runs, which run 2-3 times slower.
  const times = timeRuns(() => {
    for (const c of changes) analyse(c);
  }, runs, WARMUP_RUNS);
  const medianMs = ms(median(times));
  const p95Ms = ms(percentile(times, 95));
  return {
    name,
    description,
    reviews: changes.length,
    files: verdicts.reduce((n, v) => n + v.files.length, 0),
    bytes: changes.reduce((n, c) => n + size(c), 0),
    capabilityChanges: verdicts.reduce((n, v) => n + v.changes.length, 0),
    findings: verdicts.reduce((n, v) => n + v.findings.length, 0),
    runs,
    firstRunMs,
    medianMs,
    p95Ms,
    ...(targetMs !== undefined ? { targetMs, meetsTarget: medianMs < targetMs && p95Ms < targetMs } : {}),
  };
}

/** The stages of one analysis of `c`, each timed alone: parsing per file kind, the import scan, diff + rules, render. */
function breakdown(c: Change, runs: number): Record<string, number> {
  const out: Record<string, number> = {};
  const time = (name: string, fn: () => void) => (out[name] = ms(median(timeRuns(fn, runs, WARMUP_RUNS))));
  const kinds = new Map<string, [string, string][]>();
  for (const side of [c.base, c.head]) {
    for (const [path, text] of side) {
      const kind = parseFile(path, text).kind;
      kinds.set(kind, [...(kinds.get(kind) ?? []), [path, text as string]]);
    }
  }
  for (const [kind, files] of kinds) time(`parse ${kind} (${files.length} texts)`, () => files.forEach(([p, t]) => parseFile(p, t)));
  const inScope = scopeMatcher();
  time("instruction import scan (parses instruction files again)", () => importedFiles([c.base, c.head], inScope));
  const caps = (m: Map<string, unknown>) => [...m].flatMap(([p, t]) => parseFile(p, t as string).capabilities);
  const [b, h] = [caps(c.base), caps(c.head)];
  time("diff + rules (analyze)", () => analyze(b, h));
  const verdict = review({ base: c.base, head: c.head, today: "2026-01-01" });
  time("review() total", () => review({ base: c.base, head: c.head, today: "2026-01-01" }));
  time("render Markdown + JSON", () => JSON.stringify(reviewJson(verdict)) + renderReviewMarkdown(verdict));
  return out;
}

export function coreBench(runs = 50): CoreResult[] {
  const corpus = corpusChanges();
  const typical = typicalPr(100);
  if (!corpus) console.error(`core: no corpus folder at ${CORPUS} (set CAPABILITY_REVIEW_CORPUS): its measurement is left out`);
  return [
    ...(corpus ? [measure("corpus", `corpus: ${corpus.length} first-time reviews (empty base → every file of each source repository at head)`, corpus, runs)] : []),
    {
      ...measure("typical-100", "generated PR: 100 typical capability files (MCP, Claude settings, Codex config, hooks, AGENTS.md) each edited with an escalation", [typical], runs, 20),
      breakdownMs: breakdown(typical, runs),
    },
  ];
}
