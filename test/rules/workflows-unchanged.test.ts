// Nothing new, nothing to say: an installer bumped to another version, an unpinned action moved to
// another tag, a job renamed with the same steps are compared with the base, not re-reported as new.
// What does change (the host, the script, its other arguments, a commit of a fork) still is.
import { escalations, hits, reviewPair } from "../review-helpers.js";
import { WF } from "./workflows-util.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
/** An agent workflow (its findings count in full) whose `build` job runs `script`. */
const wf = (script: string, job = "build", extra = "") =>
  `name: triage\non: issues\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          ${script}\n${extra}` +
  `  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@${SHA}\n        with:\n          prompt: Label the issue.\n`;
const remote = (base: string, head: string) => hits(reviewPair({ [WF]: [wf(base), wf(head)] }), "workflow.remote-script");

describe("a remote script at another version is no new remote script", () => {
  it("the same URL with another version argument", () => {
    const url = "https://raw.githubusercontent.com/acme/tool/main/install.sh";
    expect(remote(`curl -fsSL ${url} | bash -s -- v1.4.2`, `curl -fsSL ${url} | bash -s -- v1.5.0`)).toHaveLength(0);
    expect(remote(`curl -sSfL ${url} | sh -s -- -b /usr/local/bin 0.18.0`, `curl -sSfL ${url} | sh -s -- -b /usr/local/bin 0.19.1`)).toHaveLength(0);
    expect(remote(`curl -fsSL ${url} | bash -s -- --version=2.1.0`, `curl -fsSL ${url} | bash -s -- --version=2.2.0-rc.1`)).toHaveLength(0);
    // Still listed: the job changed.
    const v = reviewPair({ [WF]: [wf(`curl -fsSL ${url} | bash -s -- v1.4.2`), wf(`curl -fsSL ${url} | bash -s -- v1.5.0`)] });
    const changed = v.findings.filter((f) => f.rule === "capability.changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.message).toContain("another version");
  });

  it("the same host and path with a new version segment (a release's asset, a tag of the same repository)", () => {
    const at = (v: string) => `curl -fsSL https://github.com/acme/tool/releases/download/${v}/install.sh | bash`;
    expect(remote(at("v1.4.2"), at("v1.5.0"))).toHaveLength(0);
    const raw = (ref: string) => `curl -fsSL https://raw.githubusercontent.com/acme/tool/${ref}/install.sh | bash`;
    expect(remote(raw("v1.4.2"), raw("v2.0.0"))).toHaveLength(0);
  });

  it("anything else about it is new: the host, the path, other arguments, a commit instead of a version, sudo", () => {
    const base = "curl -fsSL https://raw.githubusercontent.com/acme/tool/v1.4.2/install.sh | bash -s -- v1.4.2";
    for (const head of [
      "curl -fsSL https://raw.githubusercontent.com/acme-tools/tool/v1.4.2/install.sh | bash -s -- v1.4.2",
      "curl -fsSL https://get.acme.dev/v1.4.2/install.sh | bash -s -- v1.4.2",
      "curl -fsSL https://raw.githubusercontent.com/acme/tool/v1.4.2/bootstrap.sh | bash -s -- v1.4.2",
      "curl -fsSL https://raw.githubusercontent.com/acme/tool/v1.4.2/install.sh | bash -s -- v1.4.2 --no-verify",
      // A commit of any fork is served under the parent repository's name: no version.
      `curl -fsSL https://raw.githubusercontent.com/acme/tool/${SHA}/install.sh | bash -s -- v1.4.2`,
      "curl -fsSL https://raw.githubusercontent.com/acme/tool/v1.4.2/install.sh | sudo bash -s -- v1.4.2",
      "curl -fsSL http://raw.githubusercontent.com/acme/tool/v1.4.2/install.sh | bash -s -- v1.4.2",
    ]) {
      expect({ head, found: remote(base, head).length }).toEqual({ head, found: 1 });
    }
  });
});

describe("an unpinned action moved to another tag is no new unpinned action", () => {
  const steps = (uses: string[]) => wf("make", "build", uses.map((u) => `      - uses: ${u}\n`).join(""));
  const unpinned = (b: string[], h: string[]) => hits(reviewPair({ [WF]: [steps(b), steps(h)] }), "workflow.unpinned-action").map((f) => f.subject);
  it("the same action at another tag or branch", () => {
    expect(unpinned(["someone/setup-tool@v1"], ["someone/setup-tool@v2"])).toEqual([]);
    expect(unpinned(["someone/setup-tool@main"], ["someone/setup-tool@v2.1.0"])).toEqual([]);
    expect(unpinned(["someone/monorepo/setup@v1"], ["someone/monorepo/setup@v2"])).toEqual([]);
  });
  it("another action, or one pinned at base, is new", () => {
    expect(unpinned(["someone/setup-tool@v1"], ["someone/setup-tool@v1", "someone-else/setup-tool@v1"])).toEqual(["someone-else/setup-tool@v1"]);
    expect(unpinned([`someone/setup-tool@${SHA}`], ["someone/setup-tool@v2"])).toEqual(["someone/setup-tool@v2"]);
    expect(unpinned(["someone/monorepo/setup@v1"], ["someone/monorepo/deploy@v1"])).toEqual(["someone/monorepo/deploy@v1"]);
  });
});

describe("a job renamed with the same steps", () => {
  const job = (id: string) =>
    `name: review\non: pull_request\njobs:\n  ${id}:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      pull-requests: write\n    steps:\n` +
    `      - run: curl -fsSL https://get.acme.dev/install.sh | bash\n` +
    `      - uses: anthropics/claude-code-action@${SHA}\n        with:\n          prompt: Review the diff.\n          claude_args: --mcp-config '{"mcpServers":{"notes":{"command":"npx","args":["-y","@acme/notes-mcp@1.2.0"]}}}'\n        env:\n          DEPLOY_KEY: \${{ secrets.DEPLOY_KEY }}\n`;

  it("is one neutral change naming both ids, not a new job with everything in it", () => {
    const v = reviewPair({ [WF]: [job("review"), job("code-review")] });
    expect(escalations(v)).toEqual([]);
    const renamed = v.findings.filter((f) => f.message.includes("renamed"));
    expect(renamed).toHaveLength(1);
    // Its agent's prompt moves with it: no instructions added or removed.
    expect(v.findings.filter((f) => f.rule.startsWith("instructions.") || f.rule === "capability.removed")).toEqual([]);
    expect(renamed[0]!.message).toContain("`review`");
    expect(renamed[0]!.message).toContain("`code-review`");
  });

  it("renamed and changed, or a second job with the same steps, is reviewed as new", () => {
    const changed = job("code-review").replace("pull-requests: write", "pull-requests: write\n      contents: write");
    expect(hits(reviewPair({ [WF]: [job("review"), changed] }), "workflow.agent-action")).toHaveLength(1);
    const twice = `${job("review")}${job("code-review").split("jobs:\n")[1]}`;
    expect(hits(reviewPair({ [WF]: [job("review"), twice] }), "workflow.agent-action")).toHaveLength(1);
  });
});

describe("gh-aw front matter: output limits and custom output jobs", () => {
  const AW = ".github/workflows/submit.md";
  const aw = (safeOutputs: string) =>
    `---\non:\n  issues:\n    types: [opened]\npermissions:\n  contents: read\nengine: copilot\nsafe-outputs:\n${safeOutputs}---\n\nCheck the submission and open a pull request.\n`;
  const gains = (base: string, head: string) => hits(reviewPair({ [AW]: [aw(base), aw(head)] }), "workflow.agent-action");
  const PR = "  create-pull-request:\n    draft: true\n";

  it("a new allow list narrows an output: nothing gained; an entry added to one widens it", () => {
    expect(gains(PR, `${PR}    allowed-files:\n      - catalog/community.json\n      - docs/community.md\n`)).toEqual([]);
    const more = gains(`${PR}    allowed-files:\n      - catalog/community.json\n`, `${PR}    allowed-files:\n      - catalog/community.json\n      - .github/workflows/release.yml\n`);
    expect(more.map((f) => f.message)).toEqual([expect.stringContaining("create-pull-request.allowed-files=.github/workflows/release.yml")]);
    // Another output kind is a gain, whatever its limits.
    expect(gains(PR, `${PR}  add-comment:\n    max: 3\n`)).toHaveLength(1);
  });

  it("a custom output job's steps are workflow steps, not the agent's power: no gain, but the step is not the same", () => {
    const job = (ref: string) => `${PR}  jobs:\n    record:\n      steps:\n        - uses: actions/checkout@v5\n          with:\n            ref: ${ref}\n`;
    expect(gains(job("main"), job("${{ job.workflow_sha }}"))).toEqual([]);
    const v = reviewPair({ [AW]: [aw(job("main")), aw(job("${{ job.workflow_sha }}"))] });
    expect(v.findings.length).toBeGreaterThan(0); // the job's digest moved: an approval of the base does not cover it
  });
});
