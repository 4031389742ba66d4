// Runs the GitHub Action's entry (src/action/main.ts, not the bundle) the way a runner would: a real
// `pull_request` webhook payload written to GITHUB_EVENT_PATH, the GITHUB_* and INPUT_* variables
// Actions sets, files for the job summary and outputs, all against the fake GitHub API.
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/action/main.js";
import type { FakeGitHub } from "../fake-github/server.js";
import { OWNER, pullRequestEvent, REPO, type PullRef } from "../e2e/helpers.js";

/** The job's token; the fake accepts it like an installation token. */
export const TOKEN = "ghs_actionjobtoken0000000000000000000000";

export interface ActionRun {
  code: number;
  /** Lines the step printed (workflow commands included). */
  stdout: string[];
  summary: string;
  /** The step's outputs, parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** The SARIF document, when the `sarif` input was set and the file written. */
  sarif?: any;
  workspace: string;
}

/** The event as Actions writes it for a workflow run: the webhook payload, no installation. */
export function actionEvent(pr: PullRef, opts: { fork?: boolean } = {}): Record<string, any> {
  const p = pullRequestEvent("opened", pr);
  delete p.installation;
  if (opts.fork) {
    const head = p.pull_request.head.repo;
    head.fork = true;
    head.owner.login = "mallory";
    head.full_name = `mallory/${REPO}`;
    p.pull_request.head.label = `mallory:${p.pull_request.head.ref}`;
  }
  return p;
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return out;
}

/**
 * Run the action once. `inputs` are by their action.yml names (defaults as action.yml gives them);
 * `env` overrides or removes (undefined) any variable.
 */
export async function runAction(
  fake: FakeGitHub,
  event: Record<string, any>,
  opts: { inputs?: Record<string, string>; env?: Record<string, string | undefined>; eventName?: string } = {},
): Promise<ActionRun> {
  fake.tokens.add(TOKEN);
  const dir = mkdtempSync(join(tmpdir(), "capability-review-action-"));
  const workspace = join(dir, "workspace");
  const files = { event: join(dir, "event.json"), summary: join(dir, "step_summary.md"), output: join(dir, "output.txt") };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.summary, "");
  writeFileSync(files.output, "");
  const inputs = { policy: ".github/capability-review.yml", "fail-on": "", comment: "on-failure", sarif: "", token: TOKEN, ...opts.inputs };
  const env: Record<string, string | undefined> = {
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: opts.eventName ?? "pull_request",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_SERVER_URL: `http://${fake.host}`,
    GITHUB_API_URL: `http://${fake.host}/api/v3`,
    GITHUB_GRAPHQL_URL: `http://${fake.host}/api/graphql`,
    GITHUB_SHA: "0".repeat(40),
    GITHUB_REF: `refs/pull/${event.number ?? 0}/merge`,
    GITHUB_WORKFLOW: "capability review",
    GITHUB_JOB: "review",
    GITHUB_RUN_ID: "1",
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, "_").toUpperCase()}`, v])),
    ...opts.env,
  };
  const stdout: string[] = [];
  try {
    const code = await main(env, { out: (line) => void stdout.push(line) });
    const sarifPath = inputs.sarif ? join(workspace, inputs.sarif) : undefined;
    return {
      code,
      stdout,
      summary: readFileSync(files.summary, "utf8"),
      outputs: parseOutputs(readFileSync(files.output, "utf8")),
      ...(sarifPath && existsSync(sarifPath) ? { sarif: JSON.parse(readFileSync(sarifPath, "utf8")) } : {}),
      workspace,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
