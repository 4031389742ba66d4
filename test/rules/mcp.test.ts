import { escalations, hits, json, reviewPair } from "../review-helpers.js";

const mcp = (servers: object) => json({ mcpServers: servers });
const fs = { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."] };

describe("MCP rules", () => {
  it("mcp.server-added: a new server, high, at its line", () => {
    const v = reviewPair({ ".mcp.json": [mcp({ fs }), mcp({ fs, web: { command: "node", args: ["server.js"] } })] });
    const [f] = hits(v, "mcp.server-added");
    expect(f).toMatchObject({ severity: "high", path: ".mcp.json", direction: "escalation" });
    expect(f!.line).toBe(json({ mcpServers: { fs, web: 1 } }).split("\n").findIndex((l) => l.includes('"web"')) + 1);
    expect(v.conclusion).toBe("failure");
  });

  it("mcp.command-changed: same name, different command", () => {
    const v = reviewPair({ ".mcp.json": [mcp({ fs }), mcp({ fs: { ...fs, args: ["-y", "@evil/server-filesystem@1.0.0", "."] } })] });
    expect(hits(v, "mcp.command-changed")).toHaveLength(1);
    expect(hits(v, "mcp.server-added")).toHaveLength(0);
  });

  it("mcp.unpinned-package: npx @latest, uvx without ==, docker without tag", () => {
    for (const server of [
      { command: "npx", args: ["-y", "@playwright/mcp@latest"] },
      { command: "uvx", args: ["mcp-server-fetch"] },
      { command: "docker", args: ["run", "-i", "--rm", "ghcr.io/acme/mcp"] },
      { command: "uvx", args: ["--from", "git+https://github.com/oraios/serena", "serena"] },
    ]) {
      const v = reviewPair({ ".mcp.json": [undefined, mcp({ s: server })] });
      expect(hits(v, "mcp.unpinned-package")).toHaveLength(1);
    }
    for (const server of [
      { command: "npx", args: ["-y", "@playwright/mcp@0.0.41"] },
      { command: "uvx", args: ["mcp-server-fetch==2025.4.7"] },
      { command: "docker", args: ["run", "-i", "hashicorp/terraform-mcp-server:0.4.0"] },
    ]) {
      const v = reviewPair({ ".mcp.json": [undefined, mcp({ s: server })] });
      expect(hits(v, "mcp.unpinned-package")).toHaveLength(0);
    }
  });

  it("mcp.remote-host: new host, and a host change on an existing server", () => {
    const a = { type: "http", url: "https://mcp.example.com/mcp" };
    expect(hits(reviewPair({ ".mcp.json": [undefined, mcp({ a })] }), "mcp.remote-host")[0]!.message).toContain("mcp.example.com");
    const v = reviewPair({ ".mcp.json": [mcp({ a }), mcp({ a: { ...a, url: "https://collector.evil.test/mcp" } })] });
    expect(hits(v, "mcp.remote-host")[0]!.message).toContain("collector.evil.test");
  });

  it("mcp.secret-env: new env var and header names are reported, never their values", () => {
    const v = reviewPair({
      ".mcp.json": [mcp({ fs }), mcp({ fs: { ...fs, env: { GITHUB_TOKEN: "${GITHUB_TOKEN}" }, headers: { "X-Api-Key": "${KEY}" } } })],
    });
    const [f] = hits(v, "mcp.secret-env");
    expect(f!.message).toContain("GITHUB_TOKEN");
    expect(f!.message).toContain("X-Api-Key");
  });

  it("mcp.literal-secret: a committed token is critical and its value appears nowhere", () => {
    const token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    const v = reviewPair({ ".mcp.json": [mcp({ fs }), mcp({ fs: { ...fs, env: { GITHUB_TOKEN: token } } })] });
    expect(hits(v, "mcp.literal-secret")[0]).toMatchObject({ severity: "critical" });
    expect(JSON.stringify(v)).not.toContain(token);
    expect(JSON.stringify(v)).not.toContain(token.slice(4, 20));
  });

  it("mcp.auto-approve: autoApprove lists and trust", () => {
    const kiro = { command: "uvx", args: ["mcp-server-fetch==1.0.0"] };
    const v = reviewPair({ ".kiro/settings/mcp.json": [mcp({ fetch: kiro }), mcp({ fetch: { ...kiro, autoApprove: ["fetch"] } })] });
    expect(hits(v, "mcp.auto-approve")[0]!.message).toContain("fetch");
    const g = reviewPair({ ".gemini/settings.json": [mcp({ fs }), mcp({ fs: { ...fs, trust: true } })] });
    expect(hits(g, "mcp.auto-approve")[0]!.message).toContain("every tool");
  });

  it("mcp.tools-widened: allowlist dropped or denylist shrunk", () => {
    const g = { ...fs, includeTools: ["read_file"], excludeTools: ["delete_file"] };
    const widened = reviewPair({ ".gemini/settings.json": [mcp({ g }), mcp({ g: { ...fs, excludeTools: ["delete_file"] } })] });
    expect(hits(widened, "mcp.tools-widened")).toHaveLength(1);
    const shrunk = reviewPair({ ".gemini/settings.json": [mcp({ g }), mcp({ g: { ...fs, includeTools: ["read_file"] } })] });
    expect(hits(shrunk, "mcp.tools-widened")[0]!.message).toContain("delete_file");
    const gained = reviewPair({ ".gemini/settings.json": [mcp({ g }), mcp({ g: { ...g, includeTools: ["read_file", "write_file"] } })] });
    expect(hits(gained, "mcp.tools-widened").map((f) => f.message)).toEqual(["MCP server `g`: allowlist gains `write_file`."]);
  });

  it("an allowlist given to a server that had none narrows it: no mcp.tools-widened", () => {
    // Without includeTools every tool is callable; naming one restricts the server to it.
    const v = reviewPair({ ".gemini/settings.json": [mcp({ g: fs }), mcp({ g: { ...fs, includeTools: ["read_file"] } })] });
    expect(hits(v, "mcp.tools-widened")).toEqual([]);
    expect(escalations(v)).toEqual([]);
  });

  it("a removed server is an info reduction and needs no approval", () => {
    const v = reviewPair({ ".mcp.json": [mcp({ fs }), mcp({})] });
    expect(v.findings).toEqual([expect.objectContaining({ rule: "capability.removed", severity: "info", direction: "reduction" })]);
    expect(v.conclusion).toBe("success");
  });

  it("a server disabled at head is not an escalation", () => {
    const v = reviewPair({ ".kiro/settings/mcp.json": [mcp({ fs }), mcp({ fs: { ...fs, disabled: true } })] });
    expect(escalations(v)).toHaveLength(0);
  });
});
