// `/capability-review` commands: what counts as one, every subcommand and malformed variants, and
// the help and explain texts.
import { cleanText, closeRuleIds, explainText, helpText, parseCommand, REASON_LIMIT } from "../../src/core/commands.js";
import { RULES } from "../../src/core/rules/registry.js";

describe("parseCommand", () => {
  it("reads run, approve, revoke, explain and help, in any case", () => {
    expect(parseCommand("/capability-review")).toEqual({ kind: "run" });
    expect(parseCommand("/capability-review run")).toEqual({ kind: "run" });
    expect(parseCommand("/Capability-Review RUN")).toEqual({ kind: "run" });
    expect(parseCommand("/capability-review approve")).toEqual({ kind: "approve" });
    expect(parseCommand("/capability-review Approve Vetted the Playwright server")).toEqual({ kind: "approve", reason: "Vetted the Playwright server" });
    expect(parseCommand("/capability-review revoke")).toEqual({ kind: "revoke" });
    expect(parseCommand("/capability-review explain mcp.server-added")).toEqual({ kind: "explain", rule: "mcp.server-added" });
    expect(parseCommand("/capability-review explain MCP.Server-Added")).toEqual({ kind: "explain", rule: "mcp.server-added" });
    expect(parseCommand("/capability-review help")).toEqual({ kind: "help" });
    expect(parseCommand("/CAPABILITY-REVIEW HELP")).toEqual({ kind: "help" });
  });

  it("reads only the first line, which may be indented, with any line ending", () => {
    expect(parseCommand("   /capability-review approve ok\nmore text")).toEqual({ kind: "approve", reason: "ok" });
    expect(parseCommand("\t/capability-review revoke\r\nthanks")).toEqual({ kind: "revoke" });
    expect(parseCommand("/capability-review run\r")).toEqual({ kind: "run" });
    expect(parseCommand("\uFEFF/capability-review help")).toEqual({ kind: "help" });
    expect(parseCommand("/capability-review   approve   spaced    out  ")).toEqual({ kind: "approve", reason: "spaced out" });
    // The reason is the rest of the first line only.
    expect(parseCommand("/capability-review approve\nbecause I said so")).toEqual({ kind: "approve" });
  });

  it("ignores anything that does not start the first line with the command", () => {
    for (const body of [
      "> /capability-review approve",
      ">/capability-review approve",
      "LGTM\n/capability-review approve",
      "\n/capability-review approve",
      "please /capability-review approve",
      "`/capability-review approve`",
      "/capability-reviewer approve",
      "/capability-review:approve",
      "/capability-review-approve",
      "capability-review approve",
      "//capability-review approve",
      "",
    ]) {
      expect([body, parseCommand(body)]).toEqual([body, undefined]);
    }
  });

  it("answers malformed subcommands as unknown (the app replies with help)", () => {
    expect(parseCommand("/capability-review approv")).toEqual({ kind: "unknown", text: "approv" });
    expect(parseCommand("/capability-review lgtm!")).toEqual({ kind: "unknown", text: "lgtm!" });
    expect(parseCommand("/capability-review run now")).toEqual({ kind: "unknown", text: "run now" });
    expect(parseCommand("/capability-review revoke mine")).toEqual({ kind: "unknown", text: "revoke mine" });
    expect(parseCommand("/capability-review help me")).toEqual({ kind: "unknown", text: "help me" });
    expect(parseCommand("/capability-review explain")).toEqual({ kind: "unknown", text: "explain" });
    expect(parseCommand("/capability-review explain a b")).toEqual({ kind: "unknown", text: "explain a b" });
    expect(parseCommand("/capability-review explain <!--x-->")).toEqual({ kind: "unknown", text: "explain <!--x-->" });
    const long = parseCommand("/capability-review " + "x".repeat(1000));
    expect(long).toEqual({ kind: "unknown", text: "x".repeat(100) });
  });

  it("cleans and caps an approval's reason", () => {
    const sneaky = "ok\u200b\u202e\u2066 to\u0000\u0007 ship\u00ad \u{E0041}\u{E0042}done\u2028!";
    expect(parseCommand(`/capability-review approve ${sneaky}`)).toEqual({ kind: "approve", reason: "ok to ship done!" });
    const long = parseCommand(`/capability-review approve ${"é".repeat(REASON_LIMIT + 50)}`);
    expect(long).toEqual({ kind: "approve", reason: "é".repeat(REASON_LIMIT) });
    // A reason of only invisible characters is no reason.
    expect(parseCommand("/capability-review approve \u200b\u200d\u2060")).toEqual({ kind: "approve" });
    // Emoji (surrogate pairs, variation selectors) survive; the cap never splits a pair.
    expect(cleanText("ship it 🚀❤️")).toBe("ship it 🚀❤️");
    expect(Array.from(cleanText("🚀".repeat(10), 3))).toHaveLength(3);
  });
});

describe("approve naming a fingerprint", () => {
  const fp = "sha256:" + "ab".repeat(32);

  it("takes a full fingerprint as the first word (any case, stored lower case); the rest is the reason", () => {
    expect(parseCommand(`/capability-review approve ${fp} vetted the server`)).toEqual({ kind: "approve", fingerprint: fp, reason: "vetted the server" });
    expect(parseCommand(`/capability-review approve ${fp}`)).toEqual({ kind: "approve", fingerprint: fp });
    expect(parseCommand(`/capability-review approve SHA256:${"AB".repeat(32)} ok`)).toEqual({ kind: "approve", fingerprint: fp, reason: "ok" });
  });

  it("answers a short or malformed fingerprint with help instead of taking it as a reason", () => {
    // The short form the reports show (`sha256:` and 12 digits, then an ellipsis) does not bind.
    expect(parseCommand(`/capability-review approve ${fp.slice(0, 19)}… ok`)?.kind).toBe("unknown");
    expect(parseCommand(`/capability-review approve ${fp}0 ok`)?.kind).toBe("unknown");
    expect(parseCommand(`/capability-review approve sha256: ok`)?.kind).toBe("unknown");
  });

  it("leaves a fingerprint later in the reason as text", () => {
    expect(parseCommand(`/capability-review approve ok ${fp}`)).toEqual({ kind: "approve", reason: `ok ${fp}` });
  });

  it("is in the help text", () => {
    expect(helpText()).toContain("approve sha256:");
  });
});

describe("helpText", () => {
  it("lists every command as Markdown", () => {
    const help = helpText();
    for (const c of ["/capability-review`", "run`", "approve [reason]`", "revoke`", "explain RULE`", "help`"]) expect(help).toContain(c);
    expect(help.split("\n").filter((l) => l.startsWith("- `/capability-review"))).toHaveLength(5);
    expect(help).toContain("policy.denied");
  });
});

describe("explainText", () => {
  it("explains a rule with its default severity and how to tune it", () => {
    const text = explainText("mcp.unpinned-package");
    expect(text).toContain("**`mcp.unpinned-package`: MCP server package not pinned**");
    expect(text).toContain("Default severity: **high**");
    expect(text).toContain("Pin an exact version");
    expect(text).toContain("  mcp.unpinned-package: off   # or critical|high|medium|low|info");
    expect(text).toContain("`allow.mcp_packages`");
    expect(text).toContain("/capability-review approve");
    expect(explainText("marketplace.added")).toContain("`allow.marketplaces`");
    expect(explainText("workflow.unpinned-action")).toContain("`allow.actions`");
    expect(explainText("settings.approval-bypass")).not.toContain("allow.");
    expect(explainText("settings.approval-bypass")).toContain("Default severity: **critical**");
  });

  it("says fail-closed rules cannot be tuned or approved", () => {
    for (const id of ["file.parse-error", "file.unreadable", "policy.denied"]) {
      const text = explainText(id);
      expect(text).toContain("cannot be turned off");
      expect(text).not.toContain("rules:\n");
      expect(text).not.toContain("/capability-review approve");
    }
    expect(explainText("policy.denied")).toContain("`deny:`");
  });

  it("says an untunable but approvable rule cannot be tuned, and how to approve it", () => {
    const text = explainText("file.not-analysed");
    expect(text).toContain("cannot be turned off or lowered");
    expect(text).not.toContain("rules:\n");
    expect(text).toContain("/capability-review approve");
    expect(text).toContain("`paths.exclude`");
  });

  it("explains every registered rule", () => {
    for (const r of RULES) expect(explainText(r.id)).toContain(`Default severity: **${r.severity}**`);
  });

  it("suggests close ids for an unknown rule", () => {
    expect(explainText("mcp.server-add")).toMatch(/^Unknown rule `mcp.server-add`\. Did you mean `mcp.server-added`/);
    expect(closeRuleIds("mcp.unpined-package")).toEqual(["mcp.unpinned-package"]);
    expect(closeRuleIds("server-added")[0]).toBe("mcp.server-added");
    expect(closeRuleIds("hook.command-added")[0]).toBe("hooks.command-added");
    expect(closeRuleIds("mcp").length).toBeGreaterThan(1);
    expect(closeRuleIds("mcp").every((id) => id.startsWith("mcp."))).toBe(true);
    const none = explainText("zzzzzzzz");
    expect(none).toContain("Unknown rule `zzzzzzzz`.");
    expect(none).toContain("`mcp.`");
    expect(none).toContain("capability-review rules");
    expect(explainText("a`b")).toContain("`a'b`");
  });
});
