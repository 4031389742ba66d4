import { stringify } from "smol-toml";
import { canon, reversedValue } from "./surface-util.js";
import { byKey, CFG, settingOf } from "./codex-config-util.js";
import { parseToml } from "../../src/core/parse/toml.js";
import { codexConfig } from "../../src/core/surfaces/codex-config.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { fixture, lineOf } from "../helpers.js";

const parse = (text: string, path = CFG) => codexConfig.parse({ path, text });

const reversed = (value: unknown) => reversedValue(value, ["args", "notify"]);

describe("codex-config surface", () => {
  it("claims config.toml and agent role files at any depth", () => {
    expect(surfaceFor(".codex/config.toml")?.id).toBe("codex-config");
    expect(surfaceFor("svc/.codex/config.toml")?.id).toBe("codex-config");
    expect(surfaceFor(".codex/agents/security.toml")?.id).toBe("codex-config");
    expect(surfaceFor(".codex/other.toml")?.id).not.toBe("codex-config");
  });

  describe("small config files", () => {
    it("approvals, sandbox, project doc settings (non-ASCII comments, an inline comment, a comment inside a table)", () => {
      const text = fixture("codex-config/doc-settings.toml");
      const r = parse(text);
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      expect(settingOf(caps, "approval_policy")).toEqual({ client: "codex", setting: "approval_policy", value: "on-request", line: lineOf(text, "approval_policy =") });
      expect(settingOf(caps, "sandbox_mode")).toMatchObject({ value: "workspace-write", line: lineOf(text, "sandbox_mode =") });
      expect(settingOf(caps, "project_root_markers")).toMatchObject({ value: [".git"], line: lineOf(text, "project_root_markers =") });
      expect(settingOf(caps, "project_doc_max_bytes")).toMatchObject({ value: 49152, line: lineOf(text, "project_doc_max_bytes =") });
      expect(settingOf(caps, "sandbox_workspace_write.network_access")).toMatchObject({ setting: "sandbox.network_access", value: false, line: lineOf(text, "network_access =") });
      expect(caps).toHaveLength(5);
    });

    it("shell env policy, set vars as names, stdio and http servers (multi-line args with a trailing comma, a dashed name)", () => {
      const text = fixture("codex-config/env-and-servers.toml");
      const r = parse(text);
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      expect(settingOf(caps, "shell_environment_policy.inherit")).toMatchObject({ setting: "shell_env.inherit", value: "all", line: 3 });
      expect(settingOf(caps, "shell_environment_policy.exclude")).toMatchObject({ setting: "shell_env.exclude", value: ["*_KEY", "NPM_*"], line: lineOf(text, "exclude =") });
      expect(settingOf(caps, "shell_environment_policy.set.NO_COLOR")).toMatchObject({
        setting: "env",
        value: { name: "NO_COLOR", literalSecret: false },
        line: lineOf(text, "NO_COLOR ="),
      });
      // A variable that makes programs run code carries its value: what it runs is the point (code-env.ts).
      expect(settingOf(caps, "shell_environment_policy.set.GIT_PAGER")).toMatchObject({ value: { name: "GIT_PAGER", literalSecret: false, runs: "less -FRX" }, line: lineOf(text, "GIT_PAGER =") });
      expect(settingOf(caps, "shell_environment_policy.set.TZ")).toMatchObject({ value: { name: "TZ", literalSecret: false }, line: 9 });
      // Other set values are not copied, only their names.
      expect(JSON.stringify(caps)).not.toContain("Etc/UTC");
      const sitegen = byKey(caps, "mcp_servers.sitegen");
      expect(sitegen).toMatchObject({
        kind: "mcp_server",
        line: lineOf(text, "[mcp_servers.sitegen]"),
        attrs: { name: "sitegen", client: "codex", transport: "stdio", command: "sitegen", args: ["mcp", "--stdio", "--content-dir=docs"] },
      });
      expect(sitegen!.line).toBe(11);
      const search = byKey(caps, "mcp_servers.search-index");
      expect(search).toMatchObject({ line: lineOf(text, "[mcp_servers.search-index]"), attrs: { name: "search-index", transport: "http", url: "https://search.docs.example.test/v2/mcp", host: "search.docs.example.test" } });
      expect(search!.line).toBe(19);
      expect(caps).toHaveLength(7);
    });

    it("a uv-run server with absolute paths (several arguments to a line, timeouts)", () => {
      const r = parse(fixture("codex-config/uv-server.toml"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toHaveLength(1);
      expect(r.capabilities[0]).toMatchObject({ key: ".codex/config.toml#mcp_servers.notebook", line: 1, attrs: { command: "uv", transport: "stdio" } });
      if (r.capabilities[0]!.kind !== "mcp_server") throw new Error("kind");
      expect(r.capabilities[0]!.attrs.args).toContain("/home/dana/code/notebook-mcp");
      expect(r.capabilities[0]!.attrs.args).toEqual([
        "run",
        "--project",
        "/home/dana/code/notebook-mcp",
        "--frozen",
        "notebook-mcp",
        "--kernel-dir",
        "/home/dana/code/notebook-mcp/.kernels",
        "--root",
        "/home/dana/code/notebook-mcp",
      ]);
    });

    it("one node server", () => {
      const r = parse(fixture("codex-config/node-server.toml"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([
        expect.objectContaining({
          kind: "mcp_server",
          key: ".codex/config.toml#mcp_servers.recipe-box",
          line: 1,
          attrs: expect.objectContaining({ name: "recipe-box", transport: "stdio", command: "node", args: ["build/mcp.js", "--pantry", "./data/pantry.json"], cwd: "packages/recipe-box" }),
        }),
      ]);
      // A local script: no package is fetched.
      expect(r.capabilities[0]!.attrs).not.toHaveProperty("package");
    });
  });

  describe("full fixture", () => {
    const text = fixture("codex-config/full.toml");
    const { capabilities: caps, problems } = parse(text);

    it("parses with no problem", () => expect(problems).toEqual([]));

    it("top-level approval, sandbox and permission settings", () => {
      expect(settingOf(caps, "approval_policy")).toMatchObject({ value: "never", line: 2 });
      expect(settingOf(caps, "approval_policy").scope).toBeUndefined();
      expect(settingOf(caps, "approvals_reviewer")).toMatchObject({ setting: "approvals_reviewer", value: "auto_review", line: 3 });
      expect(settingOf(caps, "sandbox_mode")).toMatchObject({ value: "danger-full-access", line: 4 });
      expect(settingOf(caps, "default_permissions")).toMatchObject({ value: ":workspace", line: 5 });
      expect(settingOf(caps, "sandbox_workspace_write.network_access")).toMatchObject({ setting: "sandbox.network_access", value: true, line: 15 });
      expect(settingOf(caps, "sandbox_workspace_write.writable_roots")).toMatchObject({ setting: "sandbox.writable_roots", value: ["/home/me/.cache", "/tmp"], line: 16 });
      expect(settingOf(caps, "sandbox_workspace_write.exclude_slash_tmp")).toMatchObject({ setting: "sandbox.exclude_slash_tmp", value: true });
      expect(settingOf(caps, "permissions.wide.network.enabled")).toMatchObject({ setting: "permission_profile.network", scope: "wide", value: true, line: 23 });
      expect(settingOf(caps, "permissions.wide.filesystem")).toMatchObject({
        setting: "permission_profile.filesystem",
        scope: "wide",
        value: { "/etc": "read", ":project_roots": "write" },
        line: 20,
      });
    });

    it("shell environment policy: lists sorted, set vars reduced to names, secrets flagged not copied", () => {
      expect(settingOf(caps, "shell_environment_policy.inherit")).toMatchObject({ value: "all" });
      expect(settingOf(caps, "shell_environment_policy.ignore_default_excludes")).toMatchObject({ setting: "shell_env.ignore_default_excludes", value: true });
      expect(settingOf(caps, "shell_environment_policy.exclude")).toMatchObject({ setting: "shell_env.exclude", value: ["*TOKEN*", "AWS_*"] });
      expect(settingOf(caps, "shell_environment_policy.include_only")).toMatchObject({ setting: "shell_env.include_only", value: ["HOME", "PATH"] });
      expect(settingOf(caps, "shell_environment_policy.set.GITHUB_TOKEN")).toMatchObject({ setting: "env", value: { name: "GITHUB_TOKEN", literalSecret: true }, line: 32 });
      expect(settingOf(caps, "shell_environment_policy.set.OPENAI_BASE_URL").value).toEqual({ name: "OPENAI_BASE_URL", literalSecret: false, host: "proxy.evil.test" });
      expect(settingOf(caps, "shell_environment_policy.set.PLAIN").value).toEqual({ name: "PLAIN", literalSecret: false });
      const json = JSON.stringify(caps);
      expect(json).not.toContain("ghp_FAKEsetTOKEN");
      expect(json).not.toContain("ghp_FAKEnotifyTOKEN");
      expect(json).not.toContain("pw@");
    });

    it("features, notify, endpoints and project doc settings", () => {
      expect(settingOf(caps, "features.web_search_request")).toMatchObject({ setting: "feature.web_search_request", value: true, line: 37 });
      expect(settingOf(caps, "features.hooks")).toMatchObject({ setting: "feature.hooks", value: false });
      expect(settingOf(caps, "notify")).toMatchObject({ setting: "command.notify", value: "python3 scripts/notify.py --token=<redacted>", line: 6 });
      expect(settingOf(caps, "openai_base_url")).toMatchObject({ setting: "model_endpoint", value: "proxy.evil.test", line: 7 });
      expect(settingOf(caps, "chatgpt_base_url")).toMatchObject({ setting: "model_endpoint", value: "chat.example.test" });
      expect(settingOf(caps, "model_provider")).toMatchObject({ setting: "model_endpoint", value: "corp", line: 9 });
      expect(settingOf(caps, "model_providers.corp.base_url")).toMatchObject({ setting: "model_endpoint", value: "llm.corp.test", line: 42 });
      // AGENTS.md is read anyway: only the names it adds are fallbacks.
      expect(settingOf(caps, "project_doc_fallback_filenames")).toMatchObject({ value: ["CLAUDE.md"] });
      expect(settingOf(caps, "project_root_markers")).toMatchObject({ value: [".git", ".hg"] });
      expect(settingOf(caps, "project_doc_max_bytes")).toMatchObject({ value: 65536, line: 12 });
    });

    it("MCP servers go through the normalizer with tool policies", () => {
      expect(byKey(caps, "mcp_servers.github")).toMatchObject({
        kind: "mcp_server",
        line: 45,
        attrs: {
          command: "npx",
          package: { runner: "npx", name: "@modelcontextprotocol/server-github", version: "1.2.3", pinned: true },
          envForwarded: ["GITHUB_PERSONAL_ACCESS_TOKEN"],
          allowedTools: ["get_issue", "search"],
          deniedTools: ["delete_repo"],
          autoApprove: ["create_issue"],
        },
      });
      expect(byKey(caps, "mcp_servers.remote")).toMatchObject({
        line: 55,
        attrs: { transport: "http", host: "mcp.example.test", headers: ["Authorization"], envForwarded: ["REMOTE_TOKEN"], autoApprove: ["*"], enabled: false },
      });
      // Per-tool tables are part of their server, not servers of their own.
      expect(caps.filter((c) => c.kind === "mcp_server")).toHaveLength(2);
    });

    it("plugins, per-plugin MCP policy and marketplaces", () => {
      expect(byKey(caps, "plugins.deploy@acme")).toMatchObject({
        kind: "plugin",
        line: 61,
        attrs: { name: "deploy", marketplace: "acme", client: "codex", declaredIn: "settings", enabled: true, bundles: [] },
      });
      expect(byKey(caps, "plugins.lint@openai-curated")).toMatchObject({ attrs: { name: "lint", marketplace: "openai-curated", enabled: false } });
      expect(byKey(caps, "plugins.bare@acme")).toMatchObject({ attrs: { enabled: true } });
      expect(settingOf(caps, "plugins.deploy@acme.mcp_servers.deployer")).toMatchObject({
        setting: "plugin.mcp_server",
        scope: "deploy@acme",
        value: { server: "deployer", enabled: false, default_tools_approval_mode: "approve" },
        line: 64,
      });
      expect(byKey(caps, "marketplaces.acme")).toMatchObject({
        kind: "marketplace",
        attrs: { name: "acme", client: "codex", declaredIn: "settings", source: { type: "git", location: "https://github.com/acme/plugins.git", ref: "main", pinned: false } },
      });
      expect(byKey(caps, "marketplaces.pinned")).toMatchObject({ attrs: { source: { pinned: true, sha: "0123456789abcdef0123456789abcdef01234567" } } });
      expect(byKey(caps, "marketplaces.local")).toMatchObject({ attrs: { source: { type: "local", location: "./plugins", pinned: true } } });
      expect(byKey(caps, "marketplaces.outside")).toMatchObject({ attrs: { source: { type: "local", pinned: false, escapesRoot: true } } });
    });

    it("apps and sub-agent config files", () => {
      expect(settingOf(caps, "apps.gdrive.enabled")).toMatchObject({ setting: "app.enabled", scope: "gdrive", value: true });
      expect(settingOf(caps, "apps.gdrive.destructive_enabled")).toMatchObject({ setting: "app.destructive_enabled", scope: "gdrive", value: true });
      expect(settingOf(caps, "apps.gdrive.open_world_enabled")).toMatchObject({ setting: "app.open_world_enabled", value: false });
      expect(settingOf(caps, "agents.reviewer.config_file")).toMatchObject({ setting: "agent.config_file", scope: "reviewer", value: "agents/reviewer.toml" });
    });

    it("profiles: each setting is its own scoped capability", () => {
      expect(settingOf(caps, "profiles.fast.approval_policy")).toMatchObject({ setting: "approval_policy", scope: "fast", value: "never", line: 100 });
      expect(settingOf(caps, "profiles.fast.sandbox_mode")).toMatchObject({ scope: "fast", value: "danger-full-access" });
      expect(settingOf(caps, "profiles.fast.model_provider")).toMatchObject({ setting: "model_endpoint", scope: "fast", value: "corp" });
      expect(settingOf(caps, "profiles.fast.features.web_search_request")).toMatchObject({ setting: "feature.web_search_request", scope: "fast" });
      expect(settingOf(caps, "profiles.fast.sandbox_workspace_write.network_access")).toMatchObject({ setting: "sandbox.network_access", scope: "fast", value: true });
      expect(settingOf(caps, "profiles.granular.approval_policy")).toMatchObject({
        scope: "granular",
        value: { granular: { mcp_elicitations: true, rules: false, sandbox_approval: true } },
      });
    });

    it("reordering tables, keys and list items changes no capability", () => {
      const doc = parseToml(CFG, text);
      if (!doc.ok) throw new Error(doc.problem.message);
      const shuffled = stringify(reversed(doc.doc.value) as Record<string, unknown>);
      expect(shuffled).not.toBe(text);
      const again = parse(shuffled);
      expect(again.problems).toEqual([]);
      expect(canon(again.capabilities)).toBe(canon(caps));
    });
  });

  describe("agent role files", () => {
    it("scopes every setting to the agent named in the file", () => {
      const path = ".codex/agents/security.toml";
      const { capabilities: caps, problems } = parse(fixture("codex-config/agents/security.toml"), path);
      expect(problems).toEqual([]);
      expect(settingOf(caps, "sandbox_mode", path)).toMatchObject({ scope: "security-reviewer", value: "read-only", line: 6 });
      expect(settingOf(caps, "approval_policy", path)).toMatchObject({ scope: "security-reviewer", value: "untrusted" });
      expect(settingOf(caps, "developer_instructions", path)).toMatchObject({ setting: "agent.developer_instructions", scope: "security-reviewer", line: 3 });
      expect(String(settingOf(caps, "developer_instructions", path).value)).toMatch(/^sha256:[0-9a-f]{12}$/);
      expect(JSON.stringify(caps)).not.toContain("Never run network commands");
      expect(byKey(caps, "mcp_servers.semgrep", path)).toMatchObject({ kind: "mcp_server", line: 9, attrs: { command: "uvx", args: ["semgrep-mcp"], package: { runner: "uvx", pinned: false } } });
    });

    it("falls back to the file name when the role has no name", () => {
      const path = "svc/.codex/agents/unnamed.toml";
      const { capabilities: caps } = parse(fixture("codex-config/agents/unnamed.toml"), path);
      expect(settingOf(caps, "sandbox_mode", path)).toMatchObject({ scope: "unnamed", value: "workspace-write" });
      expect(settingOf(caps, "sandbox_workspace_write.network_access", path)).toMatchObject({ scope: "unnamed", value: true, line: 5 });
    });

    it("edited instructions are a changed setting", () => {
      const path = ".codex/agents/security.toml";
      const a = parse(fixture("codex-config/agents/security.toml"), path).capabilities;
      const b = parse(fixture("codex-config/agents/security.toml").replace("Never run", "Always run"), path).capabilities;
      expect(settingOf(a, "developer_instructions", path).value).not.toEqual(settingOf(b, "developer_instructions", path).value);
    });
  });

  describe("bad input", () => {
    it("malformed TOML is a file.parse-error on the right line", () => {
      const r = parse(fixture("codex-config/malformed.toml"));
      expect(r.capabilities).toEqual([]);
      expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", path: CFG, line: 4 })]);
    });

    it("wrong value types are ignored, never a crash", () => {
      const r = parse(fixture("codex-config/hostile.toml"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([]);
    });

    it("an empty file has no capabilities", () => {
      expect(parse("")).toEqual({ capabilities: [], problems: [] });
    });

    it("refuses absurd nesting without throwing", () => {
      const r = parse(`a = ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
      expect(r.problems[0]).toMatchObject({ rule: "file.parse-error" });
    });
  });
});
