// A key no parser reads, in Claude, Codex or Gemini settings, is reported (settings.changed, low,
// naming the key): a newer agent version's setting must not pass silently. Keys known to grant
// nothing (the model's name, the theme) stay quiet.
import { fixture } from "../helpers.js";
import { escalations, hits, json, reviewPair } from "../review-helpers.js";

/** Keys the review reports as not read, from the messages. */
function unread(v: ReturnType<typeof reviewPair>): string[] {
  return hits(v, "settings.changed").filter((f) => f.message.includes("a setting this review does not read")).map((f) => /^`([^`]+)`/.exec(f.message)![1]!).sort();
}

describe("settings.changed for keys this review does not read", () => {
  it("Claude: new top-level keys and keys inside permissions and sandbox; model and spinner tips stay quiet", () => {
    const v = reviewPair({ ".claude/settings.json": [json({ permissions: { allow: ["Bash(git status:*)"] } }), fixture("claude-settings/newer-keys.json")] });
    expect(unread(v)).toEqual(["agent", "fileSuggestion", "permissions.autoApproveReadOnly", "sandbox.proxyCommand"]);
    const [f] = hits(v, "settings.changed").filter((x) => x.message.startsWith("`agent`"));
    expect(f).toMatchObject({ severity: "low", message: "`agent`, a setting this review does not read, set to `release-captain`." });
  });

  it("Codex: top-level keys, and keys in a profile with its scope; a quoted key that looks like a known one is unread, not taken for it", () => {
    const v = reviewPair({ ".codex/config.toml": ['model = "gpt-5-codex"\napproval_policy = "on-request"\n', fixture("codex-config/newer-keys.toml")] });
    expect(unread(v)).toEqual(["auto_approve_reads", "profiles.ci.exec_timeout_override", "sandbox.network_access"]);
    expect(hits(v, "settings.changed").find((f) => f.message.includes("exec_timeout_override"))!.message).toContain("(in `ci`)");
    // The profile's approval_policy is still judged as itself.
    expect(hits(v, "settings.approval-bypass")).toEqual([expect.objectContaining({ severity: "critical" })]);
  });

  it("Gemini: unread keys at the top and inside known categories; the theme and vimMode stay quiet", () => {
    const v = reviewPair({ ".gemini/settings.json": [json({}), fixture("gemini-settings/newer-keys.json")] });
    expect(unread(v)).toEqual(["agents", "general.autoRunCommands", "policyPaths", "tools.shell"]);
  });

  it("changed and removed unread keys are reported too; an unchanged one is no change", () => {
    const at = (v: unknown) => json({ agent: v });
    expect(hits(reviewPair({ ".claude/settings.json": [at("a"), at("b")] }), "settings.changed").map((f) => f.message)).toEqual(["`agent`, a setting this review does not read, changed: `a` → `b`."]);
    expect(hits(reviewPair({ ".claude/settings.json": [at("a"), json({})] }), "settings.changed").map((f) => f.message)).toEqual(["`agent`, a setting this review does not read, removed."]);
    expect(reviewPair({ ".claude/settings.json": [at("a"), at("a")] }).findings).toEqual([]);
  });

  it("attacker view: a credential in an unread key is not shown, and a change to it is still seen", () => {
    const token = "sk-ant-" + "api03-ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210";
    const v = reviewPair({ ".claude/settings.json": [json({ telemetryKey: "placeholder" }), json({ telemetryKey: token })] });
    expect(unread(v)).toEqual(["telemetryKey"]);
    expect(JSON.stringify(v)).not.toContain(token);
    expect(escalations(v)).toEqual([]);
  });
});
