#!/usr/bin/env node
// capability-review command line: the same core as the GitHub App, on local trees or git refs.
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { timeoutFromEnv } from "./app/analysis.js";
import { markdownAsText, terminalSafe } from "./cli/terminal.js";
import { dirSource, gitRenames, gitSource, identicalRenames, InputError, readTree, type TreeSource } from "./cli/sources.js";
import { settleUnchanged } from "./core/links.js";
import { MAX_IMPORT_DEPTH } from "./core/imports.js";
import { DEFAULT_POLICY, parsePolicy, POLICY_FILE, type Policy } from "./core/policy.js";
import { inventoryJson, reviewJson } from "./core/render/json.js";
import { reviewSarif } from "./core/render/sarif.js";
import { renderInventoryMarkdown } from "./core/render/inventory.js";
import { renderReviewMarkdown } from "./core/render/markdown.js";
import type { Severity } from "./core/model.js";
import { SEVERITIES } from "./core/model.js";
import { importedFiles, inventory, parseFile, review, type FileContent } from "./core/review.js";
import { hookScriptCandidates, MAX_HOOK_SCRIPTS } from "./core/hook-script-files.js";
import { RULES, ruleById } from "./core/rules/registry.js";
import { explainText } from "./core/commands.js";
import { scopeMatcher } from "./core/scope.js";

export const USAGE = `Usage:
  capability-review diff BASE_DIR HEAD_DIR [options]
  capability-review diff --repo PATH --base REF --head REF [options]
  capability-review scan DIR [options]
  capability-review explain RULE
  capability-review rules

Options:
  --format markdown|json|sarif   output format (default markdown; sarif for diff only)
  --policy FILE            policy YAML (schema of .github/capability-review.yml)
  --fail-on SEVERITY       critical|high|medium|low|info (overrides the policy's fail_on)

Exit codes: 0 nothing needs approval · 1 findings need approval · 2 usage or input error`;

/** From package.json, which sits one level above both src/ and dist/. */
function packageVersion(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

/** In-scope files of both trees, plus the files their `@path` imports pull in (followed to depth) and their hooks run. */
type Tree = Map<string, FileContent>;
function readWithImports(sources: [TreeSource, TreeSource], inScope: (path: string) => boolean, include?: readonly string[]): [Tree, Tree] {
  const trees: [Tree, Tree] = [sources[0].readScope(inScope, include), sources[1].readScope(inScope, include)];
  for (let depth = 0; depth < MAX_IMPORT_DEPTH; depth++) {
    const missing = importedFiles(trees, inScope).filter((p) => !trees.some((t) => t.has(p)));
    let read = 0;
    sources.forEach((s, i) => {
      for (const [path, content] of s.readPaths(missing)) trees[i]!.set(path, content), read++;
    });
    if (!read) break;
  }
  // The files hooks run, wherever they are (changed or not: a new hook's script is shown with it).
  // Read in groups until one past the cap: the review fails closed past it, saying so.
  const scripts = hookScriptCandidates(trees, inScope, parseFile).filter((p) => !trees.some((t) => t.has(p)));
  const found = new Set<string>();
  for (let i = 0; i < scripts.length && found.size <= MAX_HOOK_SCRIPTS; i += 64) {
    sources.forEach((s, side) => {
      for (const [path, content] of s.readPaths(scripts.slice(i, i + 64))) trees[side]!.set(path, content), found.add(path);
    });
  }
  return trees;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A policy file's text; one that cannot be read (a link leaving the tree, oversize) is an input error, never "no policy". */
function textOf(content: FileContent | undefined, side: string): string | undefined {
  if (content === undefined) return undefined;
  if (typeof content === "object" && !(content instanceof Uint8Array)) throw new InputError(`cannot read the ${side}'s ${POLICY_FILE}: ${content.error}`);
  return typeof content === "string" ? content : Buffer.from(content).toString("utf8");
}

/** The policy from `--policy FILE`, else the base tree's own policy text, else the defaults. */
function loadPolicy(file: string | undefined, failOn: string | undefined, baseText?: string): Policy {
  let policy = DEFAULT_POLICY;
  if (baseText !== undefined) {
    const parsed = parsePolicy(baseText, `base:${POLICY_FILE}`);
    if (!parsed.ok) throw new InputError(`invalid policy: ${parsed.error}`);
    policy = parsed.policy;
  }
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`cannot read policy ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const parsed = parsePolicy(text, file);
    if (!parsed.ok) throw new InputError(`invalid policy: ${parsed.error}`);
    policy = parsed.policy;
  }
  if (failOn !== undefined) {
    if (!SEVERITIES.includes(failOn as Severity)) throw new InputError(`--fail-on must be one of ${SEVERITIES.join(", ")}`);
    policy = { ...policy, fail_on: failOn as Severity };
  }
  return policy;
}

export function run(argv: string[]): CliResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "markdown" },
        policy: { type: "string" },
        "fail-on": { type: "string" },
        repo: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    return { code: 2, stdout: "", stderr: `capability-review: ${(e as Error).message}\n` };
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) return { code: values.help ? 0 : 2, stdout: values.help ? USAGE + "\n" : "", stderr: values.help ? "" : USAGE + "\n" };
  const fail = (message: string): CliResult => ({ code: 2, stdout: "", stderr: `capability-review: ${message}\n` });
  const format = values.format;
  if (format !== "markdown" && format !== "json" && format !== "sarif") return fail(`--format must be markdown, json or sarif`);
  const json = format === "json";
  try {
    switch (command) {
      case "rules":
        return { code: 0, stdout: RULES.map((r) => `${r.id.padEnd(32)} ${r.severity.padEnd(8)} ${r.title}`).join("\n") + "\n", stderr: "" };
      case "explain": {
        // The comment's own text (core/commands.ts), so the CLI and `/capability-review explain` agree.
        if (!args[0]) return fail("explain needs a RULE id");
        const text = markdownAsText(explainText(args[0]));
        return ruleById(args[0].toLowerCase()) ? { code: 0, stdout: text, stderr: "" } : { code: 2, stdout: "", stderr: `capability-review: ${text}` };
      }
      case "scan": {
        if (args.length !== 1) return fail("scan needs exactly one DIR");
        if (format === "sarif") return fail("scan prints markdown or json; sarif is for diff");
        const policy = loadPolicy(values.policy, values["fail-on"]);
        const inv = inventory(readTree(args[0]!, scopeMatcher(policy.paths), policy.paths.include), policy);
        const stdout = json ? JSON.stringify(inventoryJson(inv), null, 2) + "\n" : renderInventoryMarkdown(inv);
        return { code: inv.problems.length ? 1 : 0, stdout, stderr: "" };
      }
      case "diff": {
        let sources: [TreeSource, TreeSource];
        let renamesOf: (base: Tree, head: Tree) => Map<string, string>;
        if (values.repo !== undefined) {
          if (args.length || !values.base || !values.head) return fail("diff --repo needs --base REF and --head REF and no directories");
          const [b, h] = [gitSource(values.repo, values.base), gitSource(values.repo, values.head)];
          sources = [b, h];
          renamesOf = () => gitRenames(values.repo!, b.commit, h.commit);
        } else {
          if (args.length !== 2) return fail("diff needs BASE_DIR and HEAD_DIR (or --repo PATH --base REF --head REF)");
          sources = [dirSource(args[0]!), dirSource(args[1]!)];
          renamesOf = identicalRenames;
        }
        // As in the app: without --policy, the base's own policy judges the change, and an edit of
        // the policy file is itself reported (policy.changed).
        const [basePolicy, headPolicy] = sources.map((s, i) => textOf(s.readPaths([POLICY_FILE]).get(POLICY_FILE), i ? "head" : "base"));
        const policy = loadPolicy(values.policy, values["fail-on"], values.policy === undefined && basePolicy !== undefined ? basePolicy : undefined);
        const inScope = scopeMatcher(policy.paths);
        const [base, head] = readWithImports(sources, inScope, policy.paths.include);
        // The same unfollowable link or submodule at both sides is no change (as the app sees only changes).
        settleUnchanged(base, head);
        const edited = basePolicy !== headPolicy;
        const verdict = review({ base, head, policy, renames: renamesOf(base, head), ...(edited ? { policyChange: { path: POLICY_FILE, ...(headPolicy !== undefined ? { headText: headPolicy } : {}) } } : {}) });
        const stdout =
          format === "sarif"
            ? JSON.stringify(reviewSarif(verdict, { version: packageVersion() }), null, 2) + "\n"
            : json
              ? JSON.stringify(reviewJson(verdict), null, 2) + "\n"
              : renderReviewMarkdown(verdict);
        return { code: verdict.conclusion === "failure" ? 1 : 0, stdout, stderr: "" };
      }
      default:
        return fail(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
}

function invokedDirectly(): boolean {
  try {
    // npm's bin link is a symlink: compare real paths.
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

/** Set in the child process that does the run (see runWithDeadline). */
const CHILD = "CAPABILITY_REVIEW_RUN_CHILD";

/**
 * The whole run (reads, analysis, rendering) in a child process under the analysis deadline
 * (ANALYSIS_TIMEOUT_MS, as the server's): a run past it is killed, exit 2, saying so.
 */
function runWithDeadline(argv: string[]): CliResult {
  const timeoutMs = timeoutFromEnv();
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...argv], {
    env: { ...process.env, [CHILD]: "1" },
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 1024 * 1024 * 1024,
  });
  if ((child.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") {
    return { code: 2, stdout: "", stderr: `capability-review: the run exceeded ${timeoutMs / 1000} s (ANALYSIS_TIMEOUT_MS), so nothing was reviewed; a file that costs this much is treated as hostile\n` };
  }
  if (child.error || child.status === null) return { code: 2, stdout: "", stderr: `capability-review: the run ended without a result (${child.error?.message ?? `signal ${child.signal}`})\n` };
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

if (invokedDirectly()) {
  if (process.env[CHILD]) {
    const result = run(process.argv.slice(2));
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  } else {
    const result = runWithDeadline(process.argv.slice(2));
    // Everything printed came from reviewed files: control characters are shown, never obeyed.
    process.stdout.write(terminalSafe(result.stdout));
    process.stderr.write(terminalSafe(result.stderr));
    process.exitCode = result.code;
  }
}
