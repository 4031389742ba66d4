// `npm run bench`: what the app costs. Prints one table and writes bench/results.json.
//   api     API requests per pull_request event (the real app on the fake GitHub API) vs a naive fetch
//   core    analysis time of the pure core (parse + diff + rules + render), no I/O
//   server  webhook → completed check latency, deliveries/s and peak RSS at 1, 10, 50 concurrent
//           deliveries, with Probot's production throttling and with it off
// Never part of `npm test`: timings depend on the machine. See BENCHMARKS.md.
import { writeFileSync } from "node:fs";
import { budgetBench, type BudgetRow } from "./budget.js";
import { coreBench, type CoreResult } from "./core.js";
import { serverBench, WORKLOADS, type Level, type ServerRun } from "./load.js";
import { machine, table } from "./stats.js";

const log = (line: string) => process.stderr.write(line + "\n");
const started = Date.now();

/** The two server modes: the same workloads; the throttled one kept small (write spacing is ~1 s). */
const UNTHROTTLED = [
  { workload: "escalation" as const, levels: [[1, 200], [10, 200], [50, 200]] as [number, number][] },
  { workload: "no-agent-file" as const, levels: [[1, 200], [10, 200], [50, 200]] as [number, number][] },
];
const THROTTLED = [
  { workload: "no-agent-file" as const, levels: [[1, 3], [10, 10], [50, 50]] as [number, number][] },
  { workload: "escalation" as const, levels: [[1, 2]] as [number, number][] },
];

log("core: analysis time (50 runs each)...");
const core = coreBench(50);
log("api: requests per pull_request event...");
const api = await budgetBench();
log("server: throttling off (the app's own cost)...");
const unthrottled = await serverBench("unthrottled", UNTHROTTLED, log);
log("server: production throttling (Octokit throttle + retry, Probot's defaults); about 2.5 minutes...");
const throttled = await serverBench("throttled", THROTTLED, log);

const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
const readsConstant = new Set(api.map((r) => r.reads)).size <= 2 && Math.max(...api.map((r) => r.reads)) <= 4;

function apiRow(r: BudgetRow): (string | number)[] {
  const ok = r.writes <= r.writeBudget && r.reads <= 4 && r.unknown === 0 && r.failed === 0;
  return ["api", `${r.files} files, ${r.change}`, "", "", "", "", "", r.reads, r.writes, r.naiveReads, "", `${mark(ok)}: reads <= 4, writes <= ${r.writeBudget}`];
}

function coreRow(c: CoreResult): (string | number)[] {
  const target = c.targetMs !== undefined ? `${mark(!!c.meetsTarget)}: < ${c.targetMs} ms` : "";
  return ["core", `${c.name} (${c.files} files, ${c.findings} findings)`, c.runs, c.medianMs, c.p95Ms, "", "", "", "", "", "", target];
}

function serverRow(l: Level): (string | number)[] {
  let target = "";
  if (l.mode === "unthrottled") target = `${mark(l.checkP50Ms < 50)}: p50 < 50 ms; ${mark(l.peakRssMB < 200)}: RSS < 200 MB`;
  else target = "write spacing dominates";
  if (l.errors) target = `${l.errors} ERRORS; ${target}`;
  return ["server", `${l.mode} ${l.workload} x${l.concurrency}`, l.deliveries, l.checkP50Ms, l.checkP95Ms, l.perSecond, l.appCpuMsPerDelivery, l.readsPerDelivery, l.writesPerDelivery, "", l.peakRssMB, target];
}

const header = ["section", "case", "n", "p50/median ms", "p95 ms", "per s", "app CPU ms", "reads", "writes", "naive reads", "peak RSS MB", "target"];
const rows = [...api.map(apiRow), ...core.map(coreRow), ...[unthrottled, throttled].flatMap((run: ServerRun) => run.levels.map(serverRow))];
const elapsedS = Math.round((Date.now() - started) / 1000);
const m = machine();

console.log(`\ncapability-review benchmark: node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM (${elapsedS} s)\n`);
console.log(table(header, rows));
console.log(`\napi: reads ${readsConstant ? "constant" : "NOT constant"} in the number of files; naive reads = ceil(files/100) file-list pages + 2 per capability file + 1 policy + 1 comments.`);
console.log(`server: latency is delivery sent → completed check run at the API; idle RSS ${unthrottled.idleRssMB} MB (unthrottled), ${throttled.idleRssMB} MB (throttled).`);

const results = {
  version: 1,
  date: new Date().toISOString(),
  elapsedSeconds: elapsedS,
  machine: m,
  api: { rows: api, readsConstant, naiveFormula: "ceil(files / 100) pages of the PR's file list + 2 contents GETs per capability file (base and head) + 1 policy GET + 1 GET of the PR's comments" },
  core,
  server: { workloads: WORKLOADS, unthrottled, throttled },
  table: { header, rows },
};
writeFileSync(new URL("./results.json", import.meta.url), JSON.stringify(results, null, 2) + "\n");
log("wrote bench/results.json");
