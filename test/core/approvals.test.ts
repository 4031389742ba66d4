// Approvals rebuilt from PR comments: acknowledgements, forgeries, revocation, authors, stale
// fingerprints, the minimum count, fail-closed findings, who may approve, and the rendered section.
import {
  ackBody,
  applyApprovals,
  approvalsFrom,
  approversToCheck,
  evaluateApprovals,
  MAX_RIGHTS_CHECKS,
  mayApprove,
  parseAck,
  requiredApprovals,
  type Ack,
  type Approval,
  type PrComment,
} from "../../src/core/approvals.js";
import { bindApproval, bindingRefusal, reportFingerprint } from "../../src/core/approval-binding.js";
import { parsePolicy, type Policy } from "../../src/core/policy.js";
import { renderApprovals } from "../../src/core/render/approvals.js";
import { omissionLine } from "../../src/app/report-fit.js";
import { json, reviewPair } from "../review-helpers.js";

const server = (version: string) => json({ mcpServers: { pw: { command: "npx", args: [`@playwright/mcp@${version}`] } } });
/** Adds a pinned MCP server: one `mcp.server-added` (high), so `failure` under the default policy. */
const verdict = reviewPair({ ".mcp.json": [undefined, server("1.0.0")] });
/** The same kind of change with another version: another fingerprint. */
const pushed = reviewPair({ ".mcp.json": [undefined, server("2.0.0")] });
const FP = verdict.fingerprint;

const policy = (yaml: string): Policy => {
  const p = parsePolicy(yaml);
  if (!p.ok) throw new Error(p.error);
  return p.policy;
};

// A conversation: users write commands, the app (viewerDidAuthor) writes acknowledgements.
const USERS: Record<string, number> = { alice: 11, bob: 12, carol: 13, dave: 14, mallory: 66 };
let nextId = 1000;
let clock = Date.parse("2026-11-24T10:00:00Z");
const tick = () => new Date((clock += 60_000)).toISOString();

function say(login: string, body: string): PrComment {
  return { id: nextId++, body, authorLogin: login, authorId: USERS[login]!, viewerDidAuthor: false, createdAt: tick() };
}
function ack(cmd: PrComment, action: Ack["action"], fingerprint = FP, extra: Partial<Ack> = {}): PrComment {
  const at = tick();
  const body = ackBody({ v: 1, action, command: cmd.id, user: cmd.authorLogin, userId: cmd.authorId, fingerprint, at, ...extra });
  return { id: nextId++, body, authorLogin: "capability-review[bot]", authorId: 999, viewerDidAuthor: true, createdAt: at };
}
function approve(login: string, fingerprint = FP, reason = "vetted"): PrComment[] {
  const cmd = say(login, `/capability-review approve ${reason}`);
  return [cmd, ack(cmd, "approve", fingerprint, { reason })];
}
function revoke(login: string): PrComment[] {
  const cmd = say(login, "/capability-review revoke");
  return [cmd, ack(cmd, "revoke")];
}
const users = (a: Approval[]) => a.map((x) => x.user);
/** Everyone in USERS may still approve (the wiring reads each approver's access at every evaluation). */
const everyone = new Map(Object.values(USERS).map((id) => [id, { ok: true, why: "maintain permission on the repository" }]));
const noAuthors = { min: 1, author: "zed", capabilityCommitAuthors: [] as string[], rights: everyone };

describe("acknowledgements", () => {
  it("round-trips through the comment body, with a visible line and no way out of the HTML comment", () => {
    const a: Ack = { v: 1, action: "approve", command: 42, user: "alice", userId: 11, fingerprint: FP, reason: "ok --> <!-- x --> & `y`", at: "2026-11-24T10:00:00.000Z" };
    const body = ackBody(a);
    expect(body.startsWith("<!-- capability-review:ack {")).toBe(true);
    // The marker line holds exactly one comment terminator, its own; the reason shows as inline code.
    expect(body.split("\n")[0]!.split("-->")).toHaveLength(2);
    expect(body).toContain("(reason: `ok --> <!-- x --> & 'y'`)");
    expect(body).toContain("✅ **alice** approved the capability change `sha256:");
    expect(parseAck(body)).toEqual(a);
    const r: Ack = { v: 1, action: "revoke", command: 43, user: "alice", userId: 11, fingerprint: FP, at: "2026-11-24T10:00:00.000Z" };
    expect(parseAck(ackBody(r))).toEqual(r);
    expect(ackBody(r)).toContain("revoked");
  });

  it("rejects malformed markers and markers that do not start the comment", () => {
    const good = ackBody({ v: 1, action: "approve", command: 42, user: "alice", userId: 11, fingerprint: FP, at: "2026-11-24T10:00:00Z" });
    expect(parseAck("quoted:\n" + good)).toBeUndefined();
    expect(parseAck(good.replace('"v":1', '"v":2'))).toBeUndefined();
    expect(parseAck(good.replace('"approve"', '"merge"'))).toBeUndefined();
    expect(parseAck(good.replace('"command":42', '"command":-1'))).toBeUndefined();
    expect(parseAck(good.replace(FP, "sha256:abc"))).toBeUndefined();
    expect(parseAck(good.replace('"user":"alice"', '"user":"al ice"'))).toBeUndefined();
    expect(parseAck(good.replace('"userId":11', '"userId":11,"admin":true'))).toBeUndefined();
    expect(parseAck(good.replace('"at":"2026-11-24T10:00:00Z"', '"at":"soon"'))).toBeUndefined();
    expect(parseAck("<!-- capability-review:ack {not json} -->")).toBeUndefined();
    expect(parseAck("<!-- capability-review:ack [1] -->")).toBeUndefined();
  });
});

describe("approvalsFrom", () => {
  it("counts an approval the app acknowledged, with its reason and the command's time", () => {
    const comments = approve("alice", FP, "Playwright server vetted");
    const [a] = approvalsFrom(comments);
    expect(a).toEqual({ user: "alice", userId: 11, fingerprint: FP, reason: "Playwright server vetted", at: comments[0]!.createdAt, command: comments[0]!.id, ack: comments[1]!.id });
  });

  it("an approval the app marked revoked never counts, with or without the revoke beside it", () => {
    const [cmd, real] = approve("alice");
    const marked = { ...real!, body: ackBody({ ...parseAck(real!.body)!, revoked: true }) };
    expect(parseAck(marked.body)).toMatchObject({ action: "approve", revoked: true });
    expect(marked.body).toContain("Revoked since");
    expect(approvalsFrom([cmd!, marked])).toEqual([]);
    // A later approval by the same person counts again.
    expect(users(approvalsFrom([cmd!, marked, ...approve("alice")]))).toEqual(["alice"]);
    // `revoked` is true or absent: anything else is no acknowledgement.
    expect(parseAck(real!.body.replace('"at":', '"revoked":false,"at":'))).toBeUndefined();
  });

  it("ignores a forged acknowledgement written by anyone but the app", () => {
    const [cmd, real] = approve("alice");
    expect(approvalsFrom([cmd!, { ...real!, viewerDidAuthor: false, authorLogin: "mallory", authorId: 66 }])).toEqual([]);
  });

  it("ignores an acknowledgement naming a comment by another user, a missing one, a non-command or a later one", () => {
    const cmd = say("alice", "/capability-review approve fine");
    // The ack claims the comment is mallory's.
    const wrongUser = ack(cmd, "approve", FP, { user: "mallory", userId: 66 });
    expect(approvalsFrom([cmd, wrongUser])).toEqual([]);
    // Names a comment that does not exist.
    expect(approvalsFrom([ack({ ...cmd, id: 1 }, "approve")])).toEqual([]);
    // Names a comment that is not an approve command (quoted, or edited since).
    const quoted = say("alice", "> /capability-review approve fine");
    expect(approvalsFrom([quoted, ack(quoted, "approve")])).toEqual([]);
    const revokeCmd = say("alice", "/capability-review revoke");
    expect(approvalsFrom([revokeCmd, ack(revokeCmd, "approve")])).toEqual([]);
    // Names a comment written by the app itself.
    const own = { ...say("alice", "/capability-review approve"), viewerDidAuthor: true };
    expect(approvalsFrom([own, ack(own, "approve")])).toEqual([]);
    // An ack older than the command it names.
    const a = ack(cmd, "approve");
    expect(approvalsFrom([{ ...cmd, createdAt: tick() }, a])).toEqual([]);
  });

  it("does not take an acknowledgement quoted inside another app comment", () => {
    const [cmd, real] = approve("alice", pushed.fingerprint);
    const sticky = { ...real!, id: nextId++, body: `<!-- capability-review:sticky -->\n${real!.body}` };
    expect(approvalsFrom([cmd!, sticky])).toEqual([]);
  });

  it("lets a revoke cancel the user's earlier approvals, and a later approval count again", () => {
    const first = approve("alice");
    const bobs = approve("bob");
    const off = revoke("alice");
    expect(users(approvalsFrom([...first, ...bobs, ...off]))).toEqual(["bob"]);
    const again = approve("alice", FP, "re-checked");
    const after = approvalsFrom([...first, ...bobs, ...off, ...again]);
    expect(users(after)).toEqual(["bob", "alice"]);
    expect(after[1]!.reason).toBe("re-checked");
  });

  it("keeps the latest approval per user, in command order whatever the comment order", () => {
    const old = approve("alice", pushed.fingerprint, "old");
    const latest = approve("alice", FP, "new");
    const got = approvalsFrom([...latest, ...old]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ fingerprint: FP, reason: "new" });
    // A revoke written before an approval does not cancel it.
    const off = revoke("bob");
    const bob = approve("bob");
    expect(users(approvalsFrom([...bob, ...off]))).toEqual(["bob"]);
  });

  it("counts one acknowledgement per command", () => {
    const [cmd, a] = approve("alice");
    const dup = ack(cmd!, "approve", pushed.fingerprint);
    expect(approvalsFrom([cmd!, a!, dup])).toEqual([expect.objectContaining({ fingerprint: FP })]);
  });
});

describe("evaluateApprovals and applyApprovals", () => {
  it("passes the check with one valid approval, keeping what it cleared", () => {
    expect(verdict.conclusion).toBe("failure");
    const result = evaluateApprovals(verdict, approvalsFrom(approve("alice")), noAuthors);
    expect(result).toMatchObject({ satisfied: true, stale: [], excluded: [], min: 1, fingerprint: FP });
    const v = applyApprovals(verdict, result);
    expect(v.conclusion).toBe("success");
    expect(v.blocking).toEqual([]);
    expect(v.approved?.findings.map((f) => f.rule)).toEqual(["mcp.server-added"]);
    expect(users(v.approved!.by)).toEqual(["alice"]);
    expect(v.findings).toEqual(verdict.findings);
    expect(verdict.conclusion).toBe("failure"); // not mutated
  });

  it("never counts the PR author or a capability-commit author (case-insensitive)", () => {
    const approvals = approvalsFrom([...approve("alice"), ...approve("bob")]);
    const result = evaluateApprovals(verdict, approvals, { min: 1, author: "ALICE", capabilityCommitAuthors: ["Bob"], rights: everyone });
    expect(result.valid).toEqual([]);
    expect(result.excluded.map((e) => [e.approval.user, e.why])).toEqual([["alice", "pr-author"], ["bob", "commit-author"]]);
    expect(result.satisfied).toBe(false);
    expect(applyApprovals(verdict, result)).toBe(verdict);
  });

  it("marks approvals of another fingerprint stale, so a capability push fails the check again", () => {
    const approvals = approvalsFrom(approve("alice"));
    const result = evaluateApprovals(pushed, approvals, noAuthors);
    expect(result).toMatchObject({ valid: [], satisfied: false, fingerprint: pushed.fingerprint });
    expect(users(result.stale)).toEqual(["alice"]);
    expect(applyApprovals(pushed, result).conclusion).toBe("failure");
    // A push that leaves the capability change alone keeps the fingerprint and the approval.
    const reformatted = reviewPair({ ".mcp.json": [undefined, JSON.stringify(JSON.parse(server("1.0.0")))] });
    expect(reformatted.fingerprint).toBe(FP);
    expect(applyApprovals(reformatted, evaluateApprovals(reformatted, approvals, noAuthors)).conclusion).toBe("success");
  });

  it("needs `min` approvals by distinct users", () => {
    const two = policy("approvers: { users: [alice, bob, carol], min: 2 }\n");
    const v = reviewPair({ ".mcp.json": [undefined, server("1.0.0")] }, two);
    const min = requiredApprovals(two);
    expect(min).toBe(2);
    const once = evaluateApprovals(v, approvalsFrom([...approve("alice"), ...approve("alice", FP, "again")]), { ...noAuthors, min });
    expect(once).toMatchObject({ satisfied: false });
    expect(once.valid).toHaveLength(1);
    expect(applyApprovals(v, once).conclusion).toBe("failure");
    const twice = evaluateApprovals(v, approvalsFrom([...approve("alice"), ...approve("bob")]), { ...noAuthors, min });
    expect(applyApprovals(v, twice).conclusion).toBe("success");
    // A minimum below one is never "no approval needed".
    expect(evaluateApprovals(v, [], { ...noAuthors, min: 0 }).satisfied).toBe(false);
  });

  it("never clears fail-closed findings", () => {
    const broken = reviewPair({ ".mcp.json": [server("1.0.0"), "{ not json"], ".codex/config.toml": [undefined, 'approval_policy = "never"\n'] });
    expect(broken.blocking.map((f) => f.rule)).toContain("file.parse-error");
    const denied = reviewPair({ ".mcp.json": [undefined, server("1.0.0")] }, "deny:\n  mcp_packages: ['@playwright/*']\n");
    expect(denied.blocking.map((f) => f.rule)).toContain("policy.denied");
    for (const v of [broken, denied]) {
      const result = evaluateApprovals(v, approvalsFrom([...approve("alice", v.fingerprint), ...approve("bob", v.fingerprint)]), noAuthors);
      expect(result.satisfied).toBe(true);
      const after = applyApprovals(v, result);
      expect(after.conclusion).toBe("failure");
      expect(after.blocking).toEqual(v.blocking);
      expect(after.approved).toBeUndefined();
      expect(renderApprovals(after, result)).toContain("Approvals cannot clear this check");
    }
  });

  it("turns warn mode's neutral into success, and leaves a passing verdict alone", () => {
    const warn = reviewPair({ ".mcp.json": [undefined, server("1.0.0")] }, "mode: warn\n");
    expect(warn.conclusion).toBe("neutral");
    expect(applyApprovals(warn, evaluateApprovals(warn, approvalsFrom(approve("alice")), noAuthors)).conclusion).toBe("success");
    const clean = reviewPair({ ".mcp.json": [server("1.0.0"), server("1.0.0") + "\n"] });
    expect(clean.conclusion).toBe("success");
    const r = evaluateApprovals(clean, [], noAuthors);
    expect(applyApprovals(clean, r)).toBe(clean);
    expect(renderApprovals(clean, r)).toBe("");
  });

  it("ignores a result computed for another verdict", () => {
    const result = evaluateApprovals(verdict, approvalsFrom(approve("alice")), noAuthors);
    expect(applyApprovals(pushed, result)).toBe(pushed);
  });
});

describe("mayApprove", () => {
  const none = policy("fail_on: high\n");
  const who = (login: string, permission: Parameters<typeof mayApprove>[0]["permission"], teams: string[] = []) => ({ login, permission, teams });

  it("without approvers in the policy, takes admin or maintain permission", () => {
    expect(mayApprove(who("alice", "admin"), none).ok).toBe(true);
    expect(mayApprove(who("alice", "maintain"), none).ok).toBe(true);
    for (const p of ["write", "triage", "read", "none"] as const) {
      const r = mayApprove(who("bob", p), none);
      expect(r.ok).toBe(false);
      expect(r.why).toContain("admin or maintain permission");
    }
    expect(mayApprove(who("bob", "write"), none).why).toContain("you have write");
    // `approvers` with only a minimum names nobody: permissions decide.
    expect(mayApprove(who("alice", "maintain"), policy("approvers: { min: 2 }\n")).ok).toBe(true);
  });

  it("with approvers, takes only the listed users and team members (case-insensitive)", () => {
    const p = policy("approvers:\n  users: [Alice]\n  teams: ['@Acme/Security']\n");
    expect(mayApprove(who("alice", "read"), p).ok).toBe(true);
    expect(mayApprove(who("carol", "write", ["acme/security"]), p)).toMatchObject({ ok: true });
    expect(mayApprove(who("carol", "write", ["ACME/SECURITY"]), p).ok).toBe(true);
    const admin = mayApprove(who("root", "admin", ["acme/platform"]), p);
    expect(admin.ok).toBe(false);
    expect(admin.why).toBe("Only the approvers named in the policy (`Alice`, `Acme/Security`) may approve capability changes in this repository.");
    expect(admin.why).not.toContain("@");
    expect(mayApprove(who("alice", "none"), p).ok).toBe(false);
  });

  it("refuses bots and, when told, the change's authors", () => {
    expect(mayApprove(who("renovate[bot]", "admin"), none)).toMatchObject({ ok: false, why: expect.stringContaining("Bots") });
    const authors = { author: "Alice", capabilityCommitAuthors: ["bob"] };
    expect(mayApprove(who("alice", "admin"), none, authors)).toMatchObject({ ok: false, why: expect.stringContaining("author of a pull request") });
    expect(mayApprove(who("BOB", "admin"), none, authors)).toMatchObject({ ok: false, why: expect.stringContaining("authored a commit") });
    expect(mayApprove(who("carol", "admin"), none, authors).ok).toBe(true);
  });
});

describe("renderApprovals", () => {
  it("lists who approved, when, why and for which fingerprint, and how many more are needed", () => {
    const approvals = approvalsFrom([...approve("alice", FP, "vetted `pw` <b>1.0.0</b> @bob")]);
    const result = evaluateApprovals(verdict, approvals, { ...noAuthors, min: 2 });
    const md = renderApprovals(applyApprovals(verdict, result), result);
    expect(md).toContain("### Approvals");
    expect(md).toContain(`1 of 2 approvals for \`${FP.slice(0, 19)}…\`: 1 more approval needed.`);
    expect(md).toMatch(/- \*\*alice\*\* on 2026-11-24 \d\d:\d\d UTC for `sha256:[0-9a-f]{12}…`: ``vetted `pw` <b>1.0.0<\/b> @bob``/);
    // How to approve is said once, in the report's next steps, not here too.
    expect(md).not.toContain("/capability-review approve");
    expect(md).toContain("/capability-review revoke");
    // With no approval given at all, the next steps say what is needed: no section of its own.
    expect(renderApprovals(verdict, evaluateApprovals(verdict, [], noAuthors))).toBe("");
  });

  it("says when approvals cleared the check", () => {
    const result = evaluateApprovals(verdict, approvalsFrom([...approve("alice"), ...approve("bob")]), { ...noAuthors, min: 2 });
    const md = renderApprovals(applyApprovals(verdict, result), result);
    expect(md).toContain("✅ Approved for `sha256:");
    expect(md).toContain("by 2 approvers (2 required); 1 finding no longer block");
    expect(md).not.toContain("to approve");
  });

  it("says earlier approvals are stale after a capability push, and who was not counted", () => {
    const approvals = approvalsFrom([...approve("alice"), ...approve("dave", pushed.fingerprint)]);
    const result = evaluateApprovals(pushed, approvals, { min: 1, author: "dave", capabilityCommitAuthors: [], rights: everyone });
    const md = renderApprovals(pushed, result);
    expect(md).toContain(`⚠️ A later push changed the capability change; approvals for \`${FP.slice(0, 19)}…\` no longer apply:`);
    expect(md).toContain("Not counted: **dave** (author of this pull request)");
    expect(md).toContain("Needs 1 approval for");
  });
});

describe("approvals from the check run's Approve button", () => {
  it("an app-written acknowledgement with via check-run counts without a command comment; a forged one does not", () => {
    const fp = "sha256:" + "c".repeat(64);
    const ack = ackBody({ v: 1, action: "approve", via: "check-run", command: 555, user: "maint", userId: 42, fingerprint: fp, at: "2026-11-24T10:00:00Z" });
    const mine = approvalsFrom([{ id: 1, body: ack, authorLogin: "capability-review[bot]", authorId: 9, viewerDidAuthor: true, createdAt: "2026-11-24T10:00:01Z" }]);
    expect(mine).toEqual([expect.objectContaining({ user: "maint", userId: 42, fingerprint: fp, command: 555 })]);
    const forged = approvalsFrom([{ id: 1, body: ack, authorLogin: "mallory", authorId: 66, viewerDidAuthor: false, createdAt: "2026-11-24T10:00:01Z" }]);
    expect(forged).toEqual([]);
  });

  it("two approvers pressing the button of the same check run both count", () => {
    const fp = "sha256:" + "c".repeat(64);
    const press = (id: number, user: string, userId: number) => ({
      id,
      body: ackBody({ v: 1, action: "approve", via: "check-run", command: 555, user, userId, fingerprint: fp, at: `2026-11-24T10:00:0${id}Z` }),
      authorLogin: "capability-review[bot]",
      authorId: 9,
      viewerDidAuthor: true,
      createdAt: `2026-11-24T10:00:0${id}Z`,
    });
    expect(approvalsFrom([press(1, "maint", 42), press(2, "admin", 43)]).map((a) => a.user)).toEqual(["maint", "admin"]);
  });
});

describe("rights are checked at every evaluation", () => {
  it("counts an approval only while its approver may still approve; the reason is kept", () => {
    const approvals = approvalsFrom([...approve("alice"), ...approve("bob")]);
    const rights = new Map([
      [USERS.alice!, { ok: true, why: "admin permission on the repository" }],
      [USERS.bob!, { ok: false, why: "read permission now" }],
    ]);
    const result = evaluateApprovals(verdict, approvals, { ...noAuthors, rights });
    expect(users(result.valid)).toEqual(["alice"]);
    expect(result.withoutRights.map((x) => [x.approval.user, x.why])).toEqual([["bob", "read permission now"]]);
    // With min 2, bob's approval no longer makes up the number.
    expect(evaluateApprovals(verdict, approvals, { ...noAuthors, rights, min: 2 }).satisfied).toBe(false);
    expect(evaluateApprovals(verdict, approvals, { ...noAuthors, rights: everyone, min: 2 }).satisfied).toBe(true);
  });

  it("an approver whose rights were not read does not count (fail closed)", () => {
    const result = evaluateApprovals(verdict, approvalsFrom(approve("carol")), { ...noAuthors, rights: new Map() });
    expect(result.valid).toEqual([]);
    expect(result.withoutRights.map((x) => x.approval.user)).toEqual(["carol"]);
    expect(applyApprovals(verdict, result)).toBe(verdict);
  });

  it("asks for the rights of current-fingerprint approvers only, authors left out, at most MAX_RIGHTS_CHECKS", () => {
    const approvals = approvalsFrom([...approve("alice"), ...approve("bob", pushed.fingerprint), ...approve("carol"), ...approve("dave")]);
    const opts = { author: "dave", capabilityCommitAuthors: ["carol"] };
    // bob's approval is stale, carol and dave are authors: only alice is read.
    expect(users(approversToCheck(verdict, approvals, opts))).toEqual(["alice"]);
    const many: Approval[] = Array.from({ length: MAX_RIGHTS_CHECKS + 5 }, (_, i) => ({ user: `u${i}`, userId: 5000 + i, fingerprint: FP, at: `2026-11-24T10:${String(i).padStart(2, "0")}:00Z`, command: 9000 + i, ack: 9500 + i }));
    expect(approversToCheck(verdict, many, { author: "zed", capabilityCommitAuthors: [] })).toHaveLength(MAX_RIGHTS_CHECKS);
  });
});

describe("an approval binds to what the approver could have seen", () => {
  const OTHER = pushed.fingerprint;
  const report = (fingerprint: string, rest = "## Capability Review\n\nsome findings\n\n") => `${rest}Fingerprint: \`${fingerprint}\` (an approval binds to it; a push that leaves the escalations as they are keeps it).\n`;

  it("reads the fingerprint from a report's last line only", () => {
    expect(reportFingerprint(report(FP))).toBe(FP);
    // A file's text quoting a fingerprint line above the real one does not decide.
    expect(reportFingerprint(report(FP, `Fingerprint: \`${OTHER}\`\n\n`))).toBe(FP);
    // A report whose fingerprint line is not last (cut, or a resolved comment) has none.
    expect(reportFingerprint(`${report(FP)}\nmore text after it\n`)).toBeUndefined();
    expect(reportFingerprint(`<sub>Previously reviewed fingerprint: \`${FP}\`</sub>\n`)).toBeUndefined();
    expect(reportFingerprint("")).toBeUndefined();
  });

  it("reads it above the line a long report ends with when findings were left out to fit", () => {
    const cut = `${report(FP)}\n${omissionLine(700, 900, "the check run's annotations list every finding", true)}\n`;
    expect(reportFingerprint(cut)).toBe(FP);
    // Only that line of the app's may follow it.
    expect(reportFingerprint(`${report(FP)}\n✂️ something else\n`)).toBeUndefined();
  });

  it("a command binds to the report as it stood before the command was written", () => {
    const writtenAt = "2026-11-24T10:05:00Z";
    expect(bindApproval(FP, { via: "comment", writtenAt, report: { fingerprint: FP, updatedAt: "2026-11-24T10:04:59Z" } })).toEqual({ ok: true, fingerprint: FP });
    // The report showed another change: a push landed after the approver's view.
    expect(bindApproval(FP, { via: "comment", writtenAt, report: { fingerprint: OTHER, updatedAt: "2026-11-24T10:04:00Z" } })).toEqual({ ok: false, why: "changed", via: "comment", seen: OTHER });
    // The report was edited at or after the command's time: what the approver saw is not known.
    for (const updatedAt of ["2026-11-24T10:05:00Z", "2026-11-24T10:06:00Z"]) {
      expect(bindApproval(FP, { via: "comment", writtenAt, report: { fingerprint: FP, updatedAt } })).toEqual({ ok: false, why: "report-edited", via: "comment", at: updatedAt });
    }
    // No report, a report without a fingerprint, or times that do not parse.
    expect(bindApproval(FP, { via: "comment", writtenAt })).toEqual({ ok: false, why: "no-report", via: "comment" });
    expect(bindApproval(FP, { via: "comment", writtenAt, report: { fingerprint: undefined, updatedAt: "2026-11-24T10:00:00Z" } })).toEqual({ ok: false, why: "no-report", via: "comment" });
    expect(bindApproval(FP, { via: "comment", writtenAt: "soon", report: { fingerprint: FP, updatedAt: "2026-11-24T10:00:00Z" } })).toEqual({ ok: false, why: "no-report", via: "comment" });
  });

  it("a named fingerprint and a check run's own fingerprint bind whatever the timing, only to the current change", () => {
    expect(bindApproval(FP, { via: "named", fingerprint: FP })).toEqual({ ok: true, fingerprint: FP });
    expect(bindApproval(FP, { via: "named", fingerprint: OTHER })).toEqual({ ok: false, why: "changed", via: "named", seen: OTHER });
    expect(bindApproval(FP, { via: "check-run", fingerprint: FP })).toEqual({ ok: true, fingerprint: FP });
    expect(bindApproval(FP, { via: "check-run", fingerprint: OTHER })).toEqual({ ok: false, why: "changed", via: "check-run", seen: OTHER });
    expect(bindApproval(FP, { via: "check-run", fingerprint: undefined })).toEqual({ ok: false, why: "no-report", via: "check-run" });
  });

  it("a refusal says what the approver saw, what the change is now and how to approve it", () => {
    const now = { fingerprint: FP, headSha: "0123456789abcdef0123456789abcdef01234567", blocking: verdict.blocking };
    const text = bindingRefusal({ ok: false, why: "changed", via: "comment", seen: OTHER }, now);
    expect(text).toContain(`\`${OTHER.slice(0, 19)}…\``);
    expect(text).toContain(`\`${FP.slice(0, 19)}…\``);
    expect(text).toContain("`0123456`");
    expect(text).toContain("`mcp.server-added` at `.mcp.json:");
    expect(text).toContain(`\`/capability-review approve ${FP} [reason]\``);
    expect(bindingRefusal({ ok: false, why: "changed", via: "check-run", seen: OTHER }, now)).toMatch(/^that check run showed/);
    expect(bindingRefusal({ ok: false, why: "changed", via: "named", seen: OTHER }, now)).toMatch(/^the fingerprint you named/);
    expect(bindingRefusal({ ok: false, why: "report-edited", via: "comment", at: "2026-11-24T10:06:00Z" }, now)).toContain("2026-11-24 10:06 UTC");
    expect(bindingRefusal({ ok: false, why: "no-report", via: "comment" }, now)).toMatch(/^no report/);
    // File paths are shown literally (control characters dropped), never as mentions or links.
    const odd = { ...now, blocking: [{ ...verdict.blocking[0]!, path: "x/@team`\n[a](b).json" }] };
    expect(bindingRefusal({ ok: false, why: "no-report", via: "comment" }, odd)).toContain("`x/@team'[a](b).json:");
  });
});

describe("an acknowledgement of a command that names a fingerprint", () => {
  it("counts only when it carries the fingerprint the command names", () => {
    const cmd = say("alice", `/capability-review approve ${FP} vetted`);
    expect(approvalsFrom([cmd, ack(cmd, "approve", FP)])).toHaveLength(1);
    expect(approvalsFrom([cmd, ack(cmd, "approve", pushed.fingerprint)])).toEqual([]);
  });
});
