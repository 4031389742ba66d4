// `npm run accuracy -- MIRRORS [--per-repo N] [--out FILE]`: precision on real history.
//
// For each bare repository under MIRRORS (`<dir>/repo` or `<dir>` itself), the latest N non-merge
// commits that touched a file in the default scope are reviewed as the CLI's `diff --repo` reviews
// them (against their first parent). Every high and critical finding is written as one JSON line
// to FILE (default accuracy/findings.jsonl, not committed: it quotes third-party files); then
// `npm run accuracy:score` compares them with the judgments in accuracy/judged.json.
// Never part of `npm test`: it reads repositories outside this one.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { run } from "../src/cli.js";
import { scopeMatcher } from "../src/core/scope.js";
import { findingKey, type FoundRow } from "./keys.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "per-repo": { type: "string", default: "40" }, out: { type: "string", default: "accuracy/findings.jsonl" } },
});
const mirrors = positionals[0];
if (!mirrors) throw new Error("usage: npm run accuracy -- MIRRORS_DIR [--per-repo N] [--out FILE]");
const perRepo = Number(values["per-repo"]);

const git = (dir: string, args: string[]) => execFileSync("git", ["-c", "core.quotepath=off", "--git-dir", dir, ...args], { maxBuffer: 1 << 30 }).toString("utf8");
const inScope = scopeMatcher();

/** Bare repositories: `<name>/repo` as the search tool's fetch leaves them, or a bare repository itself. */
function repositories(root: string): { name: string; dir: string }[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name.replace("+", "/"), dir: existsSync(join(root, e.name, "repo", "HEAD")) ? join(root, e.name, "repo") : join(root, e.name) }))
    .filter((r) => existsSync(join(r.dir, "HEAD")));
}

/** The latest `n` non-merge commits with a parent that changed an in-scope path. */
function agentCommits(dir: string, n: number): { commit: string; parent: string; files: string[] }[] {
  let log: string;
  try {
    log = git(dir, ["log", "--no-merges", "--format=%x01%H %P", "--name-only", "-n", "5000", "HEAD"]);
  } catch (e) {
    // A snapshot with part of its history missing: the commits git listed before it stopped.
    log = String((e as { stdout?: Buffer }).stdout ?? "");
    log = log.slice(0, log.lastIndexOf("\x01"));
  }
  const out: { commit: string; parent: string; files: string[] }[] = [];
  for (const entry of log.split("\x01").slice(1)) {
    const [header, ...rest] = entry.split("\n");
    const [commit, parent] = header!.split(" ");
    const files = rest.map((f) => f.trim()).filter(Boolean);
    if (!parent || !files.some(inScope)) continue;
    out.push({ commit: commit!, parent, files: files.filter(inScope) });
    if (out.length >= n) break;
  }
  return out;
}

const rows: FoundRow[] = [];
const seenKeys = new Map<string, number>();
const summary: string[] = [];
for (const { name, dir } of repositories(mirrors)) {
  const commits = agentCommits(dir, perRepo);
  let failed = 0;
  let errors = 0;
  let found = 0;
  for (const c of commits) {
    const r = run(["diff", "--repo", dir, "--base", c.parent, "--head", c.commit, "--format", "json"]);
    if (r.code === 2) {
      errors++;
      process.stderr.write(`${name}@${c.commit.slice(0, 12)}: ${r.stderr.trim()}\n`);
      continue;
    }
    if (r.code === 1) failed++;
    const out = JSON.parse(r.stdout) as { findings: { rule: string; severity: string; path: string; line: number; message: string; direction: string }[] };
    for (const f of out.findings) {
      if (f.severity !== "high" && f.severity !== "critical") continue;
      if (f.direction === "reduction") continue;
      const row = { repo: name, commit: c.commit, rule: f.rule, severity: f.severity, path: f.path, line: f.line, message: f.message };
      // Findings of one commit at the same rule, path and line are told apart by their order.
      const base = findingKey(row);
      const n = (seenKeys.get(base) ?? 0) + 1;
      seenKeys.set(base, n);
      rows.push({ ...row, key: n === 1 ? base : `${base} #${n}` });
      found++;
    }
  }
  summary.push(`${name.padEnd(48)} ${String(commits.length).padStart(4)} commits ${String(failed).padStart(4)} failing ${String(found).padStart(5)} high+ ${errors ? `${errors} errors` : ""}`);
}
writeFileSync(values.out!, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
process.stdout.write(summary.join("\n") + `\n${rows.length} high and critical findings written to ${basename(values.out!)}\n`);
