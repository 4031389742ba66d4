// The Gemini extension manifest tests over Gemini CLI's own example extensions (real files).
import { geminiExtension } from "../../src/core/surfaces/gemini-extension.js";
import { attrs } from "../surfaces/surface-util.js";
import { corpusFile } from "./files.js";

const EXAMPLES = "google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples";

describe("gemini-extension surface", () => {
  test("corpus mcp-server example: plugin with an mcp bundle and its node server", () => {
    const f = corpusFile(`${EXAMPLES}/mcp-server/gemini-extension.json`);
    const r = geminiExtension.parse(f);
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toEqual([
      {
        kind: "plugin",
        key: `${f.path}#plugin`,
        path: f.path,
        line: 2,
        attrs: { name: "mcp-server-example", client: "gemini", declaredIn: "manifest", version: "1.0.0", bundles: ["mcp"] },
      },
      expect.objectContaining({ kind: "mcp_server", key: `${f.path}#mcpServers.nodeServer`, line: 5 }),
    ]);
    expect(attrs(r.capabilities, "nodeServer")).toMatchObject({ client: "gemini", command: "node", args: ["${extensionPath}${/}example.js"], cwd: "${extensionPath}" });
  });

  test("corpus exclude-tools example: a deny rule, no bundles", () => {
    const f = corpusFile(`${EXAMPLES}/exclude-tools/gemini-extension.json`);
    const r = geminiExtension.parse(f);
    expect(r.problems).toEqual([]);
    expect(attrs(r.capabilities, "#plugin")).toEqual({ name: "excludeTools", client: "gemini", declaredIn: "manifest", version: "1.0.0", bundles: [] });
    expect(r.capabilities.filter((c) => c.kind === "permission_rule")).toEqual([
      { kind: "permission_rule", key: `${f.path}#excludeTools.run_shell_command(rm -rf)`, path: f.path, line: 4, attrs: { client: "gemini", list: "deny", rule: "run_shell_command(rm -rf)" } },
    ]);
  });
});
