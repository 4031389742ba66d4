// The CLI as a process (src/cli.ts through tsx, no build needed): the whole run is under the
// analysis deadline, and what it prints cannot drive the terminal.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terminalSafe } from "../src/cli/terminal.js";
import { ROOT } from "./helpers.js";

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli.ts"), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Two trees: the head adds an MCP server whose name carries terminal escape sequences. */
function trees(name: string) {
  const dir = mkdtempSync(join(tmpdir(), "cr-term-"));
  for (const side of ["base", "head"]) mkdirSync(join(dir, side));
  writeFileSync(join(dir, "base", ".mcp.json"), JSON.stringify({ mcpServers: {} }));
  writeFileSync(join(dir, "head", ".mcp.json"), JSON.stringify({ mcpServers: { [name]: { command: "npx", args: ["-y", "@acme/tool-mcp@1.0.0"] } } }));
  return [join(dir, "base"), join(dir, "head")];
}

// ESC [2J clears the screen; OSC 52 writes the clipboard; a CR rewrites the line; U+009B is the
// one-byte CSI of C1; U+202E reverses what follows.
const HOSTILE = "docs\u001b[2J\u001b]52;c;Y3VybCB4fHNo\u0007\rok\u009b2J\u202efdp.exe";
const RAW = ["\u001b", "\u0007", "\r", "\u009b", "\u202e"];

test("a run past ANALYSIS_TIMEOUT_MS is ended: exit 2, saying so, nothing reviewed", () => {
  const r = cli(["diff", join(ROOT, "examples", "base"), join(ROOT, "examples", "head")], { ANALYSIS_TIMEOUT_MS: "1" });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain("the run exceeded 0.001 s (ANALYSIS_TIMEOUT_MS), so nothing was reviewed");
});

test("within the deadline the run is the same as in process: the example's findings, exit 1", () => {
  const r = cli(["diff", join(ROOT, "examples", "base"), join(ROOT, "examples", "head")]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("mcp.unpinned-package");
});

test.each([
  ["diff, markdown", (b: string, h: string) => ["diff", b, h]],
  ["diff, json", (b: string, h: string) => ["diff", b, h, "--format", "json"]],
  ["scan, markdown", (_b: string, h: string) => ["scan", h]],
  ["scan, json", (_b: string, h: string) => ["scan", h, "--format", "json"]],
])("a server name with ESC, OSC 52, CR, C1 CSI and a bidi override reaches the terminal as visible text (%s)", (_name, args) => {
  const [base, head] = trees(HOSTILE);
  const r = cli(args(base!, head!));
  expect(r.stdout).toContain("docs");
  for (const c of RAW) expect(r.stdout).not.toContain(c);
  // JSON stays JSON, and the name it holds is still the file's.
  if (args(base!, head!).includes("json")) expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
});

test("terminalSafe keeps newlines, tabs and ordinary Unicode; JSON strings keep their meaning", () => {
  expect(terminalSafe("a\tb\nc é 日本")).toBe("a\tb\nc é 日本");
  expect(terminalSafe("\u009b31m")).toBe("\\u009b31m");
  const json = JSON.stringify({ name: "x\u202ey\u0085" });
  expect(JSON.parse(terminalSafe(json))).toEqual({ name: "x\u202ey\u0085" });
});
