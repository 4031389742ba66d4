// Codex config.toml files from public repositories (moved from test/surfaces/codex-config.test.ts).
import { codexConfig } from "../../src/core/surfaces/codex-config.js";
import { byKey, settingOf } from "../surfaces/codex-config-util.js";
import { corpusFile } from "./files.js";

describe("codex-config surface", () => {
  describe("corpus", () => {
    it("1Panel-dev/CordysCRM: approvals, sandbox, project doc settings", () => {
      const r = codexConfig.parse(corpusFile("1Panel-dev__CordysCRM/.codex/config.toml"));
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      expect(settingOf(caps, "approval_policy")).toEqual({ client: "codex", setting: "approval_policy", value: "on-request", line: 4 });
      expect(settingOf(caps, "sandbox_mode")).toMatchObject({ value: "workspace-write", line: 5 });
      expect(settingOf(caps, "project_root_markers")).toMatchObject({ value: [".git"], line: 9 });
      expect(settingOf(caps, "project_doc_max_bytes")).toMatchObject({ value: 32768, line: 10 });
      expect(settingOf(caps, "sandbox_workspace_write.network_access")).toMatchObject({ setting: "sandbox.network_access", value: false, line: 17 });
      expect(caps).toHaveLength(5);
    });

    it("1iveowl/PlatformPlatform: shell env policy, set vars as names, stdio and http servers", () => {
      const r = codexConfig.parse(corpusFile("1iveowl__PlatformPlatform/.codex/config.toml"));
      expect(r.problems).toEqual([]);
      const caps = r.capabilities;
      expect(settingOf(caps, "shell_environment_policy.inherit")).toMatchObject({ setting: "shell_env.inherit", value: "core", line: 2 });
      expect(settingOf(caps, "shell_environment_policy.set.ENABLE_TOOL_SEARCH")).toMatchObject({
        setting: "env",
        value: { name: "ENABLE_TOOL_SEARCH", literalSecret: false },
        line: 5,
      });
      const aspire = byKey(caps, "mcp_servers.aspire");
      expect(aspire).toMatchObject({ kind: "mcp_server", line: 8, attrs: { name: "aspire", client: "codex", transport: "stdio", command: "aspire", args: ["agent", "mcp"] } });
      const linear = byKey(caps, "mcp_servers.linear-server");
      expect(linear).toMatchObject({ line: 15, attrs: { transport: "http", url: "https://mcp.linear.app/mcp", host: "mcp.linear.app" } });
      expect(caps).toHaveLength(5);
    });

    it("0x0L/ipykernel-mcp: a uv-run server with absolute paths", () => {
      const r = codexConfig.parse(corpusFile("0x0L__ipykernel-mcp/.codex/config.toml"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toHaveLength(1);
      expect(r.capabilities[0]).toMatchObject({ key: ".codex/config.toml#mcp_servers.ipykernel", line: 1, attrs: { command: "uv", transport: "stdio" } });
      if (r.capabilities[0]!.kind !== "mcp_server") throw new Error("kind");
      expect(r.capabilities[0]!.attrs.args).toContain("/Users/xav/src/ipykernel-mcp");
    });

    it("0xSheff/tradingview-mcp-jackson: one node server", () => {
      const r = codexConfig.parse(corpusFile("0xSheff__tradingview-mcp-jackson/.codex/config.toml"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toEqual([
        expect.objectContaining({ kind: "mcp_server", key: ".codex/config.toml#mcp_servers.tradingview", line: 1, attrs: expect.objectContaining({ command: "node", args: ["src/server.js"] }) }),
      ]);
    });
  });

});
