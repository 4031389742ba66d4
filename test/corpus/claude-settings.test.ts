// Claude Code settings files from public repositories (moved from test/surfaces/claude-settings.test.ts).
import { claudeSettings } from "../../src/core/surfaces/claude-settings.js";
import { byKey, rules, settingOf } from "../surfaces/claude-settings-util.js";
import { corpusFile } from "./files.js";

describe("claude-settings surface", () => {
  describe("corpus", () => {
    it("0xGosu/test-agentic-coding-demo-v0: allow rules, directories, mode, env", () => {
      const r = claudeSettings.parse(corpusFile("0xGosu__test-agentic-coding-demo-v0/.claude/settings.json"));
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      const allow = rules(caps, "allow");
      expect(allow).toHaveLength(25);
      expect(allow).toEqual(expect.arrayContaining(["mcp__gosu", "Bash(git commit:*)", "Bash(sed:*)", "WebFetch", "WebSearch"]));
      expect(byKey(caps, "permissions.allow.Bash(git commit:*)")).toMatchObject({ kind: "permission_rule", line: 26, attrs: { client: "claude", list: "allow" } });
      expect(settingOf(caps, "permissions.additionalDirectories")).toMatchObject({ setting: "additionalDirectories", value: ["/tmp/", "/workspaces/", "~/.claude/"], line: 36 });
      expect(settingOf(caps, "permissions.defaultMode")).toMatchObject({ setting: "defaultMode", value: "acceptEdits", line: 41 });
      expect(settingOf(caps, "env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC")).toMatchObject({
        setting: "env",
        value: { name: "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", literalSecret: false },
        line: 3,
      });
      expect(caps.filter((c) => c.kind === "hook")).toEqual([]);
      expect(caps).toHaveLength(25 + 2 + 2);
    });

    it("anthropics/claude-code-action: one PostToolUse command hook", () => {
      const r = claudeSettings.parse(corpusFile("anthropics__claude-code-action/.claude/settings.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([
        {
          kind: "hook",
          key: ".claude/settings.json#hooks.PostToolUse[Edit|Write|MultiEdit].bunx prettier@3.5.3 --no-config --write .",
          slot: ".claude/settings.json#hooks.PostToolUse[Edit|Write|MultiEdit]",
          path: ".claude/settings.json",
          line: 8,
          attrs: { client: "claude", event: "PostToolUse", matcher: "Edit|Write|MultiEdit", type: "command", command: "bunx prettier@3.5.3 --no-config --write ." },
        },
      ]);
    });

    it("anthropics/claude-code settings-strict example", () => {
      const path = "examples/settings/settings-strict.json";
      const r = claudeSettings.parse(corpusFile(`anthropics__claude-code/${path}`));
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      expect(rules(caps, "ask")).toEqual(["Bash"]);
      expect(rules(caps, "deny").sort()).toEqual(["WebFetch", "WebSearch"]);
      expect(settingOf(caps, "permissions.disableBypassPermissionsMode", path)).toMatchObject({ value: "disable", line: 3 });
      expect(settingOf(caps, "allowManagedPermissionRulesOnly", path)).toMatchObject({ value: true, line: 12 });
      expect(settingOf(caps, "allowManagedHooksOnly", path)).toMatchObject({ value: true, line: 13 });
      expect(settingOf(caps, "strictKnownMarketplaces", path)).toMatchObject({ value: [], line: 14 });
      expect(settingOf(caps, "sandbox.autoAllowBashIfSandboxed", path)).toMatchObject({ value: false, line: 16 });
      expect(settingOf(caps, "sandbox.network.allowedDomains", path)).toMatchObject({ setting: "sandbox.network.allowedDomains", value: [], line: 22 });
      expect(settingOf(caps, "sandbox.enableWeakerNestedSandbox", path)).toMatchObject({ value: false, line: 26 });
      // null proxy ports mean "unset" and are not tracked
      expect(byKey(caps, "sandbox.network.httpProxyPort", path)).toBeUndefined();
    });

    it("anthropics/claude-code settings-lax and bash-sandbox examples", () => {
      const lax = claudeSettings.parse(corpusFile("anthropics__claude-code/examples/settings/settings-lax.json"));
      expect(lax.problems).toEqual([]);
      expect(lax.capabilities.map((c) => c.key.split("#")[1]).sort()).toEqual(["permissions.disableBypassPermissionsMode", "strictKnownMarketplaces"]);
      const path = "examples/settings/settings-bash-sandbox.json";
      const box = claudeSettings.parse(corpusFile(`anthropics__claude-code/${path}`));
      expect(box.problems).toEqual([]);
      expect(settingOf(box.capabilities, "sandbox.enabled", path)).toMatchObject({ setting: "sandbox.enabled", value: true, line: 4 });
      expect(settingOf(box.capabilities, "sandbox.allowUnsandboxedCommands", path)).toMatchObject({ value: false, line: 6 });
      expect(settingOf(box.capabilities, "sandbox.excludedCommands", path)).toMatchObject({ value: [], line: 7 });
      expect(settingOf(box.capabilities, "sandbox.network.allowAllUnixSockets", path)).toMatchObject({ value: false, line: 10 });
      expect(box.capabilities).toHaveLength(10);
    });

    it("anthropics/claude-code managed-settings example", () => {
      const path = "examples/mdm/managed-settings.json";
      const r = claudeSettings.parse(corpusFile(`anthropics__claude-code/${path}`));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([
        {
          kind: "agent_setting",
          key: `${path}#permissions.disableBypassPermissionsMode`,
          path,
          line: 3,
          attrs: { client: "claude", setting: "disableBypassPermissionsMode", value: "disable" },
        },
      ]);
    });
  });

});
