import { parsePolicy } from "../../src/core/policy.js";
import {
  addedLines,
  annotationPages,
  CHECK_NAME,
  checkRunOutput,
  errorOutput,
  findingIdsIn,
  GITHUB_BODY_LIMIT,
  inlineComments,
  MAX_INLINE_COMMENTS,
  noCapabilityOutput,
  resolvedComment,
  reviewBody,
  STICKY_MARKER,
  stickyComment,
} from "../../src/app/report.js";
import { lineOf } from "../helpers.js";
import { json, reviewPair } from "../review-helpers.js";

const claude = ".claude/settings.json";
const mcp = ".mcp.json";

/** Base and head of an MCP config: one server now runs another package, one added; the head has no final newline. */
const MCP_BASE = [
  '{',
  '  "mcpServers": {',
  '    "docs": {',
  '      "command": "npx",',
  '      "args": ["@acme/docs-mcp@1.2.3"]',
  '    },',
  '    "search": {',
  '      "url": "https://search.example.com/mcp"',
  '    },',
  '    "notes": {',
  '      "command": "node",',
  '      "args": ["tools/notes.js"]',
  '    }',
  '  }',
  '}',
  '',
].join("\n");
const MCP_HEAD = [
  '{',
  '  "mcpServers": {',
  '    "docs": {',
  '      "command": "npx",',
  '      "args": ["@acme/docs-mcp-next@2.0.0"]',
  '    },',
  '    "search": {',
  '      "url": "https://search.example.com/mcp"',
  '    },',
  '    "notes": {',
  '      "command": "node",',
  '      "args": ["tools/notes.js"]',
  '    },',
  '    "browser": {',
  '      "command": "npx",',
  '      "args": ["browser-mcp"]',
  '    }',
  '  }',
  '}',
].join("\n");
/** `git diff -U1` of MCP_BASE → MCP_HEAD, as pulls.listFiles returns it (hunks only). */
const MCP_PATCH = [
  "@@ -4,3 +4,3 @@",
  '       "command": "npx",',
  '-      "args": ["@acme/docs-mcp@1.2.3"]',
  '+      "args": ["@acme/docs-mcp-next@2.0.0"]',
  "     },",
  "@@ -12,4 +12,8 @@",
  '       "args": ["tools/notes.js"]',
  "+    },",
  '+    "browser": {',
  '+      "command": "npx",',
  '+      "args": ["browser-mcp"]',
  "     }",
  "   }",
  "-}",
  "+}",
  "\\ No newline at end of file",
].join("\n");

const mcpVerdict = () => reviewPair({ [mcp]: [MCP_BASE, MCP_HEAD] });

/** One settings file adding `n` permission allow rules. */
function bigVerdict(n: number) {
  const allow = Array.from({ length: n }, (_, i) => `Bash(tool-${String(i).padStart(4, "0")} --flag:*)`);
  return reviewPair({ [claude]: [json({ permissions: { allow: [], deny: ["Read(./.env)"] } }), json({ permissions: { allow, deny: [] } })] });
}

describe("check run output", () => {
  it("titles by result and counts; the summary has the findings by file and the fingerprint", () => {
    const v = mcpVerdict();
    expect(v.conclusion).toBe("failure");
    const out = checkRunOutput(v, { detailsUrl: "https://example.com/run/1" });
    expect(CHECK_NAME).toBe("Capability Review");
    expect(out.conclusion).toBe("failure");
    expect(out.title).toMatch(/^Needs approval: (\d+ critical, )?\d+ high/);
    expect(out.summary).toContain("#### `.mcp.json`");
    expect(out.summary).toContain("mcp.unpinned-package");
    expect(out.summary).toContain(`Fingerprint: \`${v.fingerprint}\``);
    expect(out.summary).toContain("https://example.com/run/1");
    expect(out.summary).not.toContain("left out");
  });

  it("says when no approval is needed, and when nothing changed", () => {
    const info = reviewPair({ [claude]: [json({ permissions: { allow: ["Bash(ls)", "Bash(pwd)"] } }), json({ permissions: { allow: [] } })] });
    expect(checkRunOutput(info, {})).toMatchObject({ conclusion: "success", title: "No approval needed: 2 info", annotations: [] });
    const none = reviewPair({ "src/index.ts": ["a", "b"] });
    expect(none.files).toEqual([]);
    expect(checkRunOutput(none, {})).toEqual(noCapabilityOutput());
    expect(noCapabilityOutput()).toMatchObject({ conclusion: "success", title: "No agent capability files changed", annotations: [] });
  });

  it("warn mode is neutral and says it does not block", () => {
    const parsed = parsePolicy("mode: warn\n");
    if (!parsed.ok) throw new Error(parsed.error);
    const out = checkRunOutput(reviewPair({ [mcp]: [MCP_BASE, MCP_HEAD] }, parsed.policy), {});
    expect(out.conclusion).toBe("neutral");
    expect(out.title).toMatch(/^Needs approval \(warn mode, not blocking\): /);
  });

  it("annotates every finding but reductions, at its level, within GitHub's limits", () => {
    const head = json({ permissions: { allow: ["Bash(git push:*)"] } });
    const v = reviewPair({ [claude]: [json({ permissions: { allow: ["Read"], deny: ["Bash(curl:*)"] } }), head] });
    const out = checkRunOutput(v, {});
    const reductions = v.findings.filter((f) => f.direction === "reduction");
    expect(reductions.length).toBeGreaterThan(0);
    expect(out.annotations).toHaveLength(v.findings.length - reductions.length);
    const push = out.annotations.find((a) => a.message.includes("git push"))!;
    // The allow rule's own line in the head, one line long.
    const line = lineOf(head, '"Bash(git push:*)"');
    expect(line).toBe(4);
    expect(push).toMatchObject({ path: claude, annotation_level: "failure", start_line: line, end_line: line });
    // A short title (the rule's); severity, rule id and what it needs open the message.
    expect(push.title).toBe("Tool pre-approved");
    expect(push.message.split("\n")[0]).toBe("high · settings.permission-allow-added · needs approval");
    expect(push.raw_details).toBeTruthy();
    // GitHub shows annotation texts as written: code spans are quoted text, no backtick reaches them.
    expect(push.message).toContain('"Bash(git push:*)"');
    for (const a of out.annotations) expect([a.title, a.message, a.raw_details].join("\n")).not.toContain("`");
    // A medium finding under the default fail_on (high) is a warning.
    expect(out.annotations.find((a) => a.message.includes("curl"))).toMatchObject({ annotation_level: "warning" });
    // Lowered by policy to low: a notice.
    const low = parsePolicy("rules: { settings.permission-deny-removed: low }\n");
    if (!low.ok) throw new Error(low.error);
    const lowered = checkRunOutput(reviewPair({ [claude]: [json({ permissions: { deny: ["Bash(curl:*)"] } }), json({ permissions: { deny: [] } })] }, low.policy), {});
    expect(lowered.annotations.map((a) => a.annotation_level)).toEqual(["notice"]);
  });

  it("after an approval, the findings it cleared are notices naming who approved; policy-allowed ones say so", () => {
    const v = reviewPair({ [mcp]: [MCP_BASE, MCP_HEAD] }, "allow: { mcp_packages: [{ name: browser-mcp, reason: vetted by security }] }\n");
    expect(v.blocking.length).toBeGreaterThan(0);
    const by = (user: string) => ({ user, userId: 1, fingerprint: v.fingerprint, at: "2026-11-24T10:00:00Z", command: 1, ack: 2 });
    const approved = { ...v, conclusion: "success" as const, blocking: [], approved: { by: [by("maya"), by("li")], findings: v.blocking } };
    const out = checkRunOutput(approved, {});
    const cleared = out.annotations.filter((a) => a.message.includes("approved by"));
    expect(cleared).toHaveLength(v.blocking.length);
    for (const a of cleared) {
      expect(a.annotation_level).toBe("notice");
      expect(a.message.split("\n")[0]).toMatch(/^(critical|high) · [a-z.-]+ · approved by maya, li$/);
    }
    expect(out.annotations.some((a) => a.annotation_level === "failure")).toBe(false);
    const allowed = out.annotations.filter((a) => a.message.includes("allowed by policy"));
    expect(allowed.length).toBeGreaterThan(0);
    for (const a of allowed) expect(a.message).toContain("(allow.mcp_packages: browser-mcp, reason: vetted by security)");
    expect(out.title).toMatch(/^Approved by maya, li: /);
  });

  it("a PR with 5,000 findings gets a complete check: summary cut to fit, every annotation, pages of 50", () => {
    const v = bigVerdict(5000);
    const escalating = v.findings.filter((f) => f.direction !== "reduction");
    expect(escalating.length).toBeGreaterThanOrEqual(5001);
    const out = checkRunOutput(v, {});
    expect(out.summary.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(out.summary.length).toBeGreaterThan(GITHUB_BODY_LIMIT * 0.9);
    const last = out.summary.trimEnd().split("\n").pop()!;
    const m = /(\d+) of (\d+) findings left out/.exec(last);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(v.findings.length);
    const listed = out.summary.split("\n").filter((l) => l.startsWith("- ") && l.includes("line ")).length;
    expect(listed + Number(m![1])).toBe(v.findings.length);
    expect(last).toMatch(/complete list follows below/);
    expect(last).toMatch(/json/);
    // The complete list is the check's text, each file collapsed, within the same limit; what does
    // not fit there either is counted, and the two lists together hold every finding.
    expect(out.text).toBeDefined();
    expect(out.text!.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(out.text!.startsWith(`## All ${v.findings.length} findings, by file`)).toBe(true);
    expect(out.text).toContain("<details><summary><code>");
    const inText = out.text!.split("\n").filter((l) => l.startsWith("- ") && l.includes("line ")).length;
    const tail = /(\d+) of (\d+) findings left out/.exec(out.text!.trimEnd().split("\n").pop()!);
    expect(inText + Number(tail?.[1] ?? 0)).toBe(v.findings.length);
    expect(inText).toBeGreaterThan(listed);
    // The medium deny removal is not listed (blocking findings go first) but has its annotation.
    expect(out.summary).not.toContain("settings.permission-deny-removed` line");
    expect(out.annotations.filter((a) => a.annotation_level === "warning")).toHaveLength(1);
    expect(out.title.length).toBeLessThanOrEqual(255);
    expect(out.title).toMatch(/^Needs approval: \d+ high, 1 medium/);
    expect(out.annotations).toHaveLength(escalating.length);
    const pages = annotationPages(out.annotations);
    expect(pages).toHaveLength(Math.ceil(escalating.length / 50));
    expect(pages.every((p) => p.length <= 50 && p.length > 0)).toBe(true);
    expect(pages.flat()).toEqual(out.annotations);
    expect(annotationPages([], 50)).toEqual([]);
    const sticky = stickyComment(v, { checkUrl: "https://github.com/o/r/runs/1" });
    expect(sticky.startsWith(STICKY_MARKER)).toBe(true);
    expect(sticky.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(sticky.trimEnd().split("\n").pop()).toMatch(/\d+ of \d+ findings left out/);
  });

  it("when cut, lists the most severe findings whatever file they are in", () => {
    const allow = Array.from({ length: 3000 }, (_, i) => `Bash(tool-${i} --flag:*)`);
    const token = "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345";
    const v = reviewPair({
      [claude]: [undefined, json({ permissions: { allow } })],
      [mcp]: [undefined, json({ mcpServers: { gh: { command: "docker", args: ["run", "ghcr.io/github/github-mcp-server@sha256:" + "a".repeat(64)], env: { GITHUB_TOKEN: token } } } })],
    });
    expect(v.counts.critical).toBeGreaterThan(0);
    const out = checkRunOutput(v, {});
    expect(out.summary.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(out.summary).toContain("#### `.mcp.json`");
    expect(out.summary).toMatch(/\*\*critical\*\* `mcp.literal-secret`/);
    expect(out.summary).not.toContain(token);
    expect(out.annotations[0]!.message).toMatch(/^critical · mcp.literal-secret/);
  });

  it("cuts even when the rest of the report alone is too long (thousands of unanalysed files)", () => {
    const v = bigVerdict(10);
    const files = Array.from({ length: 5000 }, (_, i) => ({ path: `.cursor/unknown-${i}-${"x".repeat(20)}.bin`, kind: "not-analysed", status: "added" as const }));
    const out = checkRunOutput({ ...v, files }, {});
    expect(out.summary.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(out.summary.trimEnd().split("\n").pop()).toMatch(/11 of 11 findings left out/);
    expect(out.title).toMatch(/5000 files not analysed$/);
    expect(out.annotations).toHaveLength(11);
    const quiet = stickyComment({ ...reviewPair({ [mcp]: [MCP_BASE, MCP_BASE + " "] }), files }, {});
    expect(quiet.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(quiet.startsWith(STICKY_MARKER)).toBe(true);
    expect(quiet.trimEnd().split("\n").pop()).toMatch(/^✂️ \*\*Report cut\*\*/);
  });

  it("keeps annotation texts within 64 KiB and titles within 255 characters", () => {
    const v = bigVerdict(1);
    const f = v.findings.find((x) => x.direction === "escalation")!;
    const huge = { ...v, findings: [{ ...f, message: "é".repeat(70_000), rule: "settings.permission-allow-added" }], blocking: [] };
    const [a] = checkRunOutput(huge, {}).annotations;
    expect(Buffer.byteLength(a!.message, "utf8")).toBeLessThanOrEqual(64 * 1024);
    expect(a!.title.length).toBeLessThanOrEqual(255);
    expect(checkRunOutput(huge, {}).summary.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });
});

describe("error output", () => {
  it("fails closed, explains how to re-run, and strips anything that looks like a token", () => {
    const token = "ghs_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    const out = errorOutput(
      `HttpError: Bad credentials for token ${token} (Authorization: Bearer abc.def-ghi) at https://x-access-token:${token}@github.com/o/r.git; pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz ghp_shorty`,
    );
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("Capability review failed");
    for (const secret of [token, "ghs_", "ghp_", "github_pat_", "abc.def-ghi"]) expect(out.summary).not.toContain(secret);
    expect(out.summary).toContain("Bad credentials");
    expect(out.summary).toContain("[redacted]");
    expect(out.summary).toMatch(/fails closed/);
    expect(out.summary).toMatch(/never reported as a success/);
    expect(out.summary).toContain("/capability-review");
    expect(out.summary).toMatch(/re-run/i);
    expect(errorOutput("x".repeat(100_000)).summary.length).toBeLessThan(GITHUB_BODY_LIMIT);
    // A reason with backticks stays inside its fence.
    expect(errorOutput("policy: ```` broken").summary).toContain("`````text\npolicy: ```` broken\n`````");
  });
});

describe("sticky comment", () => {
  it("starts with the marker, groups by file (riskiest file first), says once how to approve and carries the fingerprint", () => {
    const v = reviewPair({ [mcp]: [MCP_BASE, MCP_HEAD], [claude]: [undefined, json({ permissions: { allow: ["Bash"] } })] });
    const body = stickyComment(v, { checkUrl: "https://github.com/o/r/runs/7" });
    expect(body.startsWith(STICKY_MARKER + "\n")).toBe(true);
    // The critical `Bash` allow rule is in .claude/settings.json: that file comes first.
    expect(body.indexOf("#### `.claude/settings.json`")).toBeGreaterThan(0);
    expect(body.indexOf("#### `.mcp.json`")).toBeGreaterThan(body.indexOf("#### `.claude/settings.json`"));
    expect(body.split("/capability-review approve").length - 1).toBe(1);
    expect(body).toContain("```text\n/capability-review approve <reason>\n```");
    expect(body).toContain(v.fingerprint);
    expect(body).toContain("(https://github.com/o/r/runs/7)");
    // Deterministic: an unchanged verdict gives the same body, so the app need not edit the comment.
    expect(stickyComment(reviewPair({ [mcp]: [MCP_BASE, MCP_HEAD], [claude]: [undefined, json({ permissions: { allow: ["Bash"] } })] }), { checkUrl: "https://github.com/o/r/runs/7" })).toBe(body);
  });

  it("resolved: keeps the marker and the previous fingerprint, and is stable", () => {
    const prev = stickyComment(mcpVerdict(), {});
    const resolved = resolvedComment(prev);
    expect(resolved.startsWith(STICKY_MARKER)).toBe(true);
    expect(resolved).toContain("Resolved: this PR no longer changes agent capabilities");
    expect(resolved).toContain(mcpVerdict().fingerprint);
    expect(resolvedComment(resolved)).toBe(resolved);
    expect(resolvedComment()).toContain("no longer changes agent capabilities");
  });
});

describe("addedLines", () => {
  it("reads the new-side numbers of added lines across hunks, skipping removed and context lines", () => {
    expect([...addedLines(MCP_PATCH)].sort((a, b) => a - b)).toEqual([5, 13, 14, 15, 16, 19]);
  });

  it("handles short hunk headers, `\\ No newline` in the middle, file headers and `+++` content", () => {
    const patch = [
      "diff --git a/x b/x",
      "--- a/x",
      "+++ b/x",
      "@@ -1,2 +1,4 @@",
      " a",
      "-b",
      "\\ No newline at end of file",
      "+b",
      "+c",
      "+++ not a header",
      "@@ -10 +11 @@",
      "-old",
      "+new",
      "@@ -0,0 +20,2 @@ section heading",
      "+x",
      "+y",
    ].join("\n");
    expect([...addedLines(patch)]).toEqual([2, 3, 4, 11, 20, 21]);
    expect(addedLines(undefined).size).toBe(0);
    expect(addedLines("").size).toBe(0);
    expect([...addedLines("@@ -1,2 +1,1 @@\n-gone\n same\n")]).toEqual([]);
  });
});

describe("inline comments", () => {
  it("one comment per added line with high/critical escalations, holding all of that line's findings; ids stable across runs", () => {
    const v = mcpVerdict();
    const patches = new Map([[mcp, MCP_PATCH]]);
    const comments = inlineComments(v, patches, new Set());
    // The new server (line 14): added and unpinned, two findings on one line, so one comment. The
    // `docs` server, now another package, is declared on a context line (3): no inline comment.
    expect(v.findings.some((f) => f.rule === "mcp.command-changed" && f.line === 3)).toBe(true);
    expect(v.findings.filter((f) => f.line === 14 && f.path === mcp).map((f) => f.rule).sort()).toEqual(["mcp.server-added", "mcp.unpinned-package"]);
    expect(comments.map((c) => [c.path, c.line, c.side])).toEqual([[mcp, 14, "RIGHT"]]);
    const [c] = comments;
    expect(c!.ids).toHaveLength(2);
    expect(findingIdsIn(c!.body)).toEqual(c!.ids);
    expect(c!.body.startsWith("🟠 **high** · needs approval\n\n")).toBe(true);
    for (const rule of ["mcp.server-added", "mcp.unpinned-package"]) expect(c!.body).toContain(`(\`${rule}\`): `);
    expect(c!.body).toContain("**New or re-enabled MCP server:** ");
    expect(c!.body).toContain("**MCP server package not pinned:** ");
    const again = inlineComments(mcpVerdict(), patches, new Set());
    expect(again.map((x) => x.ids)).toEqual(comments.map((x) => x.ids));
    // Moved further down by an unrelated edit: same ids.
    const shifted = reviewPair({ [mcp]: [MCP_BASE, "\n\n" + MCP_HEAD] });
    const rewrite = (before: string, after: string) => {
      const old = before.trimEnd().split("\n");
      const now = after.split("\n");
      return [`@@ -1,${old.length} +1,${now.length} @@`, ...old.map((l) => "-" + l), ...now.map((l) => "+" + l), "\\ No newline at end of file"].join("\n");
    };
    const shiftedPatch = new Map([[mcp, rewrite(MCP_BASE, "\n\n" + MCP_HEAD)]]);
    const moved = inlineComments(shifted, shiftedPatch, new Set());
    expect(moved.find((x) => x.line === 16)?.ids).toEqual(c!.ids);
    // Every line is added now, so the `docs` server gets its comment too.
    expect(moved.filter((x) => x.line !== 16).map((x) => x.line)).toEqual([3 + 2]);
  });

  it("skips ids already posted (a line keeps only its new findings), files without a patch, and medium findings", () => {
    const v = mcpVerdict();
    const [first] = inlineComments(v, new Map([[mcp, MCP_PATCH]]), new Set());
    expect(inlineComments(v, new Map([[mcp, MCP_PATCH]]), new Set(findingIdsIn(`${reviewBody(1)}\n\n${first!.body}`)))).toEqual([]);
    const one = `${reviewBody(1)}\n\n<!-- capability-review:finding:${first!.ids[0]} -->`;
    const left = inlineComments(v, new Map([[mcp, MCP_PATCH]]), new Set(findingIdsIn(one)));
    expect(left.map((x) => [x.line, x.ids])).toEqual([[14, [first!.ids[1]]]]);
    expect(inlineComments(v, new Map([[mcp, undefined]]), new Set())).toEqual([]);
    expect(inlineComments(v, new Map(), new Set())).toEqual([]);
    const medium = reviewPair({ [claude]: [json({ permissions: { deny: ["Bash(curl:*)"] } }), json({ permissions: { deny: [] } })] });
    expect(inlineComments(medium, new Map([[claude, "@@ -1,5 +1,3 @@\n {\n+  x\n"]]), new Set())).toEqual([]);
  });

  it(`caps at ${MAX_INLINE_COMMENTS} lines, riskiest first; lines commented before do not take a place`, () => {
    const rules = [...Array.from({ length: 80 }, (_, i) => `Bash(t${i}:*)`), "Bash"];
    const head = json({ permissions: { allow: rules } });
    const v = reviewPair({ [claude]: [undefined, head] });
    const lines = head.split("\n");
    const patch = new Map([[claude, `@@ -0,0 +1,${lines.length} @@\n` + lines.map((l) => "+" + l).join("\n")]]);
    const comments = inlineComments(v, patch, new Set());
    expect(MAX_INLINE_COMMENTS).toBe(10);
    expect(comments).toHaveLength(MAX_INLINE_COMMENTS);
    expect(comments[0]!.body).toContain("**critical**");
    expect(comments[0]!.body).toContain("`Bash`");
    expect(comments.slice(1).every((c) => c.body.includes("**high**"))).toBe(true);
    // The next review: the ten already posted are skipped and ten further lines are commented.
    const next = inlineComments(v, patch, new Set(comments.flatMap((c) => c.ids)));
    expect(next).toHaveLength(MAX_INLINE_COMMENTS);
    expect(next.some((c) => comments.some((d) => d.line === c.line))).toBe(false);
  });

  it("review body counts the comments and links the check", () => {
    expect(reviewBody(1)).toContain("1 inline comment ");
    expect(reviewBody(3, "https://github.com/o/r/runs/9")).toContain("3 inline comments");
    expect(reviewBody(3, "https://github.com/o/r/runs/9")).toContain("(https://github.com/o/r/runs/9)");
  });
});

describe("sticky comment edits", () => {
  it("a report that differs only in the commit its line links point at is the same report; any other change is not", async () => {
    const { sameReport } = await import("../../src/app/publish.js");
    const at = (sha: string, line = 4) => `x [line ${line}](https://github.com/o/r/blob/${sha}/.mcp.json#L${line}) y`;
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    expect(sameReport(at(a), at(b))).toBe(true);
    expect(sameReport(at(a), at(b, 5))).toBe(false);
    expect(sameReport(at(a), at(a).replace(".mcp.json", ".cursor/mcp.json"))).toBe(false);
    expect(sameReport(at(a), at(a) + " more")).toBe(false);
  });
});
