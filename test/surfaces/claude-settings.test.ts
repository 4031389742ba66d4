import { canon, reversedValue } from "./surface-util.js";
import { byKey, rules, S, settingOf } from "./claude-settings-util.js";
import { claudeSettings } from "../../src/core/surfaces/claude-settings.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { fixture, lineOf } from "../helpers.js";

const parse = (text: string, path = S) => claudeSettings.parse({ path, text });

const reversed = (value: unknown) => reversedValue(value, ["args"]);

describe("claude-settings surface", () => {
  it("claims project, local and managed settings", () => {
    expect(surfaceFor(".claude/settings.json")?.id).toBe("claude-settings");
    expect(surfaceFor("app/.claude/settings.local.json")?.id).toBe("claude-settings");
    expect(surfaceFor("examples/mdm/managed-settings.json")?.id).toBe("claude-settings");
    expect(surfaceFor(".claude/other.json")?.id).not.toBe("claude-settings");
  });

  describe("small settings files", () => {
    it("allow rules, directories, mode, env (empty hooks, a stray trailing space, no final newline)", () => {
      const text = fixture("claude-settings/allow-list.json");
      expect(text.endsWith("}")).toBe(true);
      const r = parse(text);
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      const allow = rules(caps, "allow");
      expect(allow).toHaveLength(15);
      expect(allow).toEqual([
        "mcp__linear",
        "mcp__ide__getDiagnostics",
        "mcp__ide__executeCode",
        "Bash(uv run pytest:*)",
        "Bash(uv sync)",
        "Bash(ls:*)",
        "Bash(head:*)",
        "Bash(git show:*)",
        "Bash(git diff --stat:*)",
        "Bash(duckdb -readonly:*)",
        "Bash(pwd)",
        "Read(~/datasets/**)",
        "Edit(notebooks/**)",
        "WebSearch",
        "WebFetch(domain:docs.python.org)",
      ]);
      expect(byKey(caps, "permissions.allow.Bash(git diff --stat:*)")).toMatchObject({ kind: "permission_rule", line: lineOf(text, '"Bash(git diff --stat:*)"'), attrs: { client: "claude", list: "allow" } });
      // The rule followed by a stray space: the rule is the string, its line the one it is on.
      expect(byKey(caps, "permissions.allow.Bash(ls:*)")).toMatchObject({ line: 11, attrs: { rule: "Bash(ls:*)" } });
      expect(byKey(caps, "permissions.allow.WebSearch")).toMatchObject({ line: lineOf(text, '"WebSearch"') });
      expect(settingOf(caps, "permissions.additionalDirectories")).toMatchObject({
        setting: "additionalDirectories",
        value: ["../docs-site/", "/opt/fixtures/", "~/datasets/"],
        line: lineOf(text, '"additionalDirectories"'),
      });
      expect(settingOf(caps, "permissions.defaultMode")).toMatchObject({ setting: "defaultMode", value: "acceptEdits", line: lineOf(text, '"defaultMode"') });
      expect(settingOf(caps, "env.DISABLE_AUTOUPDATER")).toMatchObject({
        setting: "env",
        value: { name: "DISABLE_AUTOUPDATER", literalSecret: false },
        line: 26,
      });
      // A secret-sounding name with a short number is no credential.
      expect(settingOf(caps, "env.MAX_MCP_OUTPUT_TOKENS")).toMatchObject({ value: { name: "MAX_MCP_OUTPUT_TOKENS", literalSecret: false }, line: 27 });
      expect(caps.filter((c) => c.kind === "hook")).toEqual([]);
      expect(byKey(caps, "includeCoAuthoredBy")).toBeUndefined();
      expect(caps).toHaveLength(15 + 2 + 2);
    });

    it("one PostToolUse command hook whose matcher comes after its hooks", () => {
      const text = fixture("claude-settings/hook-only.json");
      const r = parse(text);
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([
        {
          kind: "hook",
          key: ".claude/settings.json#hooks.PostToolUse[Write|Edit|MultiEdit|NotebookEdit].uvx ruff@0.6.9 format --quiet src tests",
          slot: ".claude/settings.json#hooks.PostToolUse[Write|Edit|MultiEdit|NotebookEdit]",
          path: ".claude/settings.json",
          line: lineOf(text, '"command": "uvx'),
          attrs: { client: "claude", event: "PostToolUse", matcher: "Write|Edit|MultiEdit|NotebookEdit", type: "command", command: "uvx ruff@0.6.9 format --quiet src tests" },
        },
      ]);
    });

    it("strict managed policy: ask/deny rules, managed-only flags, empty lists, null proxy ports", () => {
      const path = "examples/settings/settings-strict.json";
      const text = fixture("claude-settings/strict.json");
      const r = parse(text, path);
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      expect(rules(caps, "ask")).toEqual(["Bash", "Edit", "Write(/deploy/**)"]);
      expect(rules(caps, "deny").sort()).toEqual(["Bash(curl:*)", "Read(**/*.pem)", "Read(./secrets/**)", "WebFetch"]);
      expect(byKey(caps, "permissions.deny.Read(./secrets/**)", path)).toMatchObject({ line: lineOf(text, '"Read(./secrets/**)"') });
      expect(settingOf(caps, "permissions.disableBypassPermissionsMode", path)).toMatchObject({ value: "disable", line: 3 });
      expect(settingOf(caps, "permissions.defaultMode", path)).toMatchObject({ value: "plan", line: lineOf(text, '"defaultMode"') });
      expect(settingOf(caps, "allowManagedPermissionRulesOnly", path)).toMatchObject({ value: true, line: lineOf(text, '"allowManagedPermissionRulesOnly"') });
      expect(settingOf(caps, "allowManagedHooksOnly", path)).toMatchObject({ value: true, line: lineOf(text, '"allowManagedHooksOnly"') });
      expect(settingOf(caps, "strictKnownMarketplaces", path)).toMatchObject({ value: [], line: lineOf(text, '"strictKnownMarketplaces"') });
      expect(settingOf(caps, "sandbox.autoAllowBashIfSandboxed", path)).toMatchObject({ value: false, line: lineOf(text, '"autoAllowBashIfSandboxed"') });
      expect(settingOf(caps, "sandbox.network.allowedDomains", path)).toMatchObject({ setting: "sandbox.network.allowedDomains", value: [], line: lineOf(text, '"allowedDomains"') });
      expect(settingOf(caps, "sandbox.enableWeakerNestedSandbox", path)).toMatchObject({ value: false, line: lineOf(text, '"enableWeakerNestedSandbox"') });
      expect(settingOf(caps, "sandbox.network.allowLocalBinding", path)).toMatchObject({ value: false, line: lineOf(text, '"allowLocalBinding"') });
      // null proxy ports mean "unset" and are not tracked
      expect(byKey(caps, "sandbox.network.httpProxyPort", path)).toBeUndefined();
      expect(byKey(caps, "sandbox.network.socksProxyPort", path)).toBeUndefined();
      // 3 ask + 4 deny rules, defaultMode, the bypass switch, 2 sandbox flags, allowedDomains, allowLocalBinding, 2 managed-only flags, strictKnownMarketplaces.
      expect(caps).toHaveLength(3 + 4 + 1 + 1 + 2 + 1 + 1 + 2 + 1);
    });

    it("lax settings and a bash sandbox", () => {
      const lax = parse(fixture("claude-settings/lax.json"), "examples/settings/settings-lax.json");
      expect(lax.problems).toEqual([]);
      // `$schema` and `cleanupPeriodDays` grant nothing.
      expect(lax.capabilities.map((c) => c.key.split("#")[1]).sort()).toEqual(["permissions.disableBypassPermissionsMode", "strictKnownMarketplaces"]);
      const path = "examples/settings/settings-bash-sandbox.json";
      const text = fixture("claude-settings/bash-sandbox.json");
      const box = parse(text, path);
      expect(box.problems).toEqual([]);
      expect(settingOf(box.capabilities, "sandbox.enabled", path)).toMatchObject({ setting: "sandbox.enabled", value: true, line: 4 });
      expect(settingOf(box.capabilities, "sandbox.enableWeakerNestedSandbox", path)).toMatchObject({ value: false, line: 5 });
      expect(settingOf(box.capabilities, "sandbox.allowUnsandboxedCommands", path)).toMatchObject({ value: false, line: 6 });
      // Lists are sorted: their order in the file is no change.
      expect(settingOf(box.capabilities, "sandbox.excludedCommands", path)).toMatchObject({ value: ["kubectl port-forward", "podman"], line: 7 });
      expect(settingOf(box.capabilities, "sandbox.autoAllowBashIfSandboxed", path)).toMatchObject({ value: true, line: 8 });
      expect(settingOf(box.capabilities, "sandbox.network.allowedDomains", path)).toMatchObject({
        value: ["*.internal.example.test", "files.pythonhosted.org", "pypi.org", "registry.npmjs.org"],
        line: 10,
      });
      expect(settingOf(box.capabilities, "sandbox.network.allowUnixSockets", path)).toMatchObject({ value: [], line: 11 });
      expect(settingOf(box.capabilities, "sandbox.network.allowLocalBinding", path)).toMatchObject({ value: true, line: 12 });
      expect(settingOf(box.capabilities, "sandbox.network.allowAllUnixSockets", path)).toMatchObject({ value: false, line: 13 });
      expect(byKey(box.capabilities, "sandbox.network.httpProxyPort", path)).toBeUndefined();
      expect(byKey(box.capabilities, "sandbox.network.socksProxyPort", path)).toBeUndefined();
      // allowManagedPermissionRulesOnly, 4 sandbox flags, excludedCommands, 2 network lists, 2 network flags.
      expect(box.capabilities).toHaveLength(10);
    });

    it("managed-settings.json: only the bypass switch", () => {
      const path = "policies/managed-settings.json";
      const text = fixture("claude-settings/managed-settings.json");
      const r = parse(text, path);
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([
        {
          kind: "agent_setting",
          key: `${path}#permissions.disableBypassPermissionsMode`,
          path,
          line: lineOf(text, '"disableBypassPermissionsMode"'),
          attrs: { client: "claude", setting: "disableBypassPermissionsMode", value: "disable" },
        },
      ]);
    });
  });

  describe("full fixture", () => {
    const text = fixture("claude-settings/full.json");
    const { capabilities: caps, problems } = parse(text);

    it("parses with no problem", () => expect(problems).toEqual([]));

    it("permission rules, one per distinct rule", () => {
      expect(rules(caps, "allow").sort()).toEqual(["Bash(git push:*)", "Bash(npm test)", "mcp__github"]);
      expect(rules(caps, "ask")).toEqual(["Bash(rm:*)"]);
      expect(rules(caps, "deny").sort()).toEqual(["Read(./.env)", "WebFetch(domain:evil.test)"]);
      expect(byKey(caps, "permissions.allow.Bash(git push:*)")).toMatchObject({ line: 4 });
      expect(settingOf(caps, "permissions.defaultMode")).toMatchObject({ value: "bypassPermissions", line: 7 });
      expect(settingOf(caps, "permissions.additionalDirectories")).toMatchObject({ value: ["../shared", "/tmp"] });
      expect(settingOf(caps, "permissions.disableBypassPermissionsMode")).toMatchObject({ value: "disable" });
    });

    it("helper commands", () => {
      expect(settingOf(caps, "apiKeyHelper")).toMatchObject({ setting: "command.apiKeyHelper", value: "/bin/get-key.sh", line: 11 });
      expect(settingOf(caps, "awsAuthRefresh")).toMatchObject({ setting: "command.awsAuthRefresh", value: "aws sso login --profile dev" });
      expect(settingOf(caps, "awsCredentialExport")).toMatchObject({ setting: "command.awsCredentialExport", value: "./export-creds.sh" });
      expect(settingOf(caps, "otelHeadersHelper")).toMatchObject({ setting: "command.otelHeadersHelper", value: "./otel-headers.sh" });
      expect(settingOf(caps, "statusLine")).toMatchObject({ setting: "command.statusLine", value: "~/.claude/statusline.sh", line: 15 });
    });

    it("env: names only; a redirect keeps its host; a literal token is flagged and never copied", () => {
      expect(settingOf(caps, "env.ANTHROPIC_BASE_URL")).toMatchObject({ value: { name: "ANTHROPIC_BASE_URL", literalSecret: true, host: "proxy.evil.test" }, line: 17 });
      expect(settingOf(caps, "env.GITHUB_TOKEN").value).toEqual({ name: "GITHUB_TOKEN", literalSecret: true });
      expect(settingOf(caps, "env.DISABLE_TELEMETRY").value).toEqual({ name: "DISABLE_TELEMETRY", literalSecret: false });
      const json = JSON.stringify(caps);
      for (const secret of ["ghp_FAKEenvTOKEN", "sk-ant-FAKEheader", "xoxb-FAKE", "pw@", "sig=xyz"]) expect(json).not.toContain(secret);
    });

    it("sandbox settings", () => {
      expect(settingOf(caps, "sandbox.enabled")).toMatchObject({ value: true, line: 22 });
      expect(settingOf(caps, "sandbox.autoAllowBashIfSandboxed")).toMatchObject({ value: true });
      expect(settingOf(caps, "sandbox.allowUnsandboxedCommands")).toMatchObject({ value: false });
      expect(settingOf(caps, "sandbox.enableWeakerNestedSandbox")).toMatchObject({ value: true });
      expect(settingOf(caps, "sandbox.excludedCommands")).toMatchObject({ value: ["docker", "git"] });
      expect(settingOf(caps, "sandbox.network.allowedDomains")).toMatchObject({ value: ["*.npmjs.org", "github.com"], line: 28 });
      expect(settingOf(caps, "sandbox.network.allowUnixSockets")).toMatchObject({ value: ["/var/run/docker.sock"] });
      expect(settingOf(caps, "sandbox.network.allowAllUnixSockets")).toMatchObject({ value: false });
      expect(settingOf(caps, "sandbox.network.allowLocalBinding")).toMatchObject({ value: true });
      expect(settingOf(caps, "sandbox.network.httpProxyPort")).toMatchObject({ value: 8080 });
      expect(byKey(caps, "sandbox.network.socksProxyPort")).toBeUndefined();
    });

    it("MCP approval switches and managed-only flags", () => {
      expect(settingOf(caps, "enableAllProjectMcpServers")).toMatchObject({ setting: "enableAllProjectMcpServers", value: true, line: 36 });
      expect(settingOf(caps, "enabledMcpjsonServers")).toMatchObject({ value: ["alpha", "beta"] });
      expect(settingOf(caps, "disabledMcpjsonServers")).toMatchObject({ value: ["gamma"] });
      expect(settingOf(caps, "disableAllHooks")).toMatchObject({ value: false });
      expect(settingOf(caps, "allowManagedHooksOnly")).toMatchObject({ value: true });
      expect(settingOf(caps, "strictKnownMarketplaces")).toMatchObject({ value: [{ repo: "acme/market", source: "github" }] });
      expect(settingOf(caps, "allowManagedPermissionRulesOnly")).toMatchObject({ value: true });
    });

    it("hooks of all four types; prompts reduced to a digest, headers never kept", () => {
      const hooks = caps.filter((c) => c.kind === "hook");
      expect(hooks).toHaveLength(4);
      expect(byKey(caps, "hooks.PreToolUse[Bash]../audit.sh")).toMatchObject({
        slot: `${S}#hooks.PreToolUse[Bash]`,
        line: 45,
        attrs: { client: "claude", event: "PreToolUse", matcher: "Bash", type: "command", command: "./audit.sh" },
      });
      const http = hooks.find((h) => h.kind === "hook" && h.attrs.type === "http")!;
      expect(http).toMatchObject({ slot: `${S}#hooks.PostToolUse[Edit|Write]`, attrs: { event: "PostToolUse", url: "https://hooks.example.test/post?sig=…" } });
      for (const [event, type] of [["Stop", "prompt"], ["SubagentStop", "agent"]] as const) {
        const h = hooks.find((x) => x.kind === "hook" && x.attrs.event === event)!;
        expect(h).toMatchObject({ slot: `${S}#hooks.${event}[*]`, attrs: { type } });
        expect(h.key).toMatch(new RegExp(`#hooks\\.${event}\\[\\*\\]\\.prompt:[0-9a-f]{12}$`));
      }
      expect(JSON.stringify(hooks)).not.toContain("Check whether");
    });

    it("enabled plugins and extra marketplaces with pinning", () => {
      expect(byKey(caps, "enabledPlugins.deploy@acme")).toMatchObject({
        kind: "plugin",
        line: 63,
        attrs: { name: "deploy", marketplace: "acme", client: "claude", declaredIn: "settings", enabled: true, bundles: [] },
      });
      expect(byKey(caps, "enabledPlugins.github@claude-plugins-official")).toMatchObject({ attrs: { enabled: false } });
      const src = (name: string) => {
        const c = byKey(caps, `extraKnownMarketplaces.${name}`);
        if (c?.kind !== "marketplace") throw new Error(name);
        expect(c.attrs).toMatchObject({ name, client: "claude", declaredIn: "settings" });
        return c.attrs.source;
      };
      expect(src("acme")).toEqual({ type: "github", location: "acme/tools", pinned: false });
      expect(src("pinned")).toEqual({
        type: "git",
        location: "https://git.example.test/m.git",
        ref: "0123456789abcdef0123456789abcdef01234567",
        sha: "0123456789abcdef0123456789abcdef01234567",
        pinned: true,
      });
      expect(src("local")).toEqual({ type: "directory", location: "./plugins", pinned: true });
      expect(src("outside")).toEqual({ type: "directory", location: "../../elsewhere", pinned: false, escapesRoot: true });
      expect(src("web")).toEqual({ type: "url", location: "https://example.test/marketplace.json", pinned: false });
    });

    it("inline MCP servers go through the normalizer", () => {
      expect(byKey(caps, "mcpServers.corp")).toMatchObject({
        kind: "mcp_server",
        attrs: { name: "corp", client: "claude", command: "npx", env: ["CORP_TOKEN"], literalSecrets: ["env.CORP_TOKEN"], package: { name: "corp-mcp", version: "latest", pinned: false } },
      });
    });

    it("reordering keys and list items and reformatting changes no capability", () => {
      const shuffled = JSON.stringify(reversed(JSON.parse(text)), null, 4);
      const again = parse(shuffled);
      expect(again.problems).toEqual([]);
      expect(canon(again.capabilities)).toBe(canon(caps));
    });
  });

  describe("bad input", () => {
    it("malformed JSON is a file.parse-error on the right line", () => {
      const r = parse(fixture("claude-settings/malformed.json"));
      expect(r.capabilities).toEqual([]);
      expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", path: S, line: 4 })]);
    });

    it("a top level that is not an object is a file.parse-error", () => {
      for (const text of ["[1, 2]", '"x"', "null", "5"]) {
        const r = parse(text);
        expect(r.capabilities).toEqual([]);
        expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 1 })]);
      }
      expect(parse('\n\n[\n  {"permissions": {}}\n]').problems[0]).toMatchObject({ line: 3 });
    });

    it("wrong value types are ignored, never a crash", () => {
      const r = parse(fixture("claude-settings/hostile.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => c.key.split("#")[1]).sort()).toEqual(["extraKnownMarketplaces.y"]);
    });
  });
});
