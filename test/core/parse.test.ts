import { parseJson } from "../../src/core/parse/json.js";
import { parseToml } from "../../src/core/parse/toml.js";
import { parseYaml } from "../../src/core/parse/yaml.js";
import { decodeText, LineIndex, MAX_FILE_BYTES, maxNesting } from "../../src/core/parse/text.js";
import { parseFile, review } from "../../src/core/review.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import type { Surface } from "../../src/core/surfaces/types.js";

describe("parseJson", () => {
  it("reads JSON with comments and trailing commas and knows key lines", () => {
    const r = parseJson("a.json", '{\n  // c\n  "servers": {\n    "x": { "command": "npx", },\n  },\n}');
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.doc.value).toEqual({ servers: { x: { command: "npx" } } });
    expect(r.doc.lineOf(["servers", "x"])).toBe(4);
    expect(r.doc.lineOf(["servers", "missing"])).toBe(3);
  });
  it("names the line of a syntax error", () => {
    const r = parseJson("a.json", '{\n  "a": 1,\n  "b": \n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ rule: "file.parse-error", path: "a.json", line: 4 });
  });
  it("refuses 10k levels of nesting without overflowing the stack", () => {
    const r = parseJson("deep.json", "[".repeat(10000) + "]".repeat(10000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/nesting deeper/);
  });
});

describe("parseToml", () => {
  it("finds lines of tables, quoted keys and dotted keys", () => {
    const text = 'a = 1\n[mcp_servers.github]\ncommand = "x"\n[plugins."p@m"]\nenabled = true\n[s]\nx.y = 2\n';
    const r = parseToml("c.toml", text);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.doc.lineOf(["mcp_servers", "github", "command"])).toBe(3);
    expect(r.doc.lineOf(["plugins", "p@m", "enabled"])).toBe(5);
    expect(r.doc.lineOf(["s", "x", "y"])).toBe(7);
    expect(r.doc.lineOf(["mcp_servers", "github", "args"])).toBe(2);
  });
  it("reports the TOML error line", () => {
    const r = parseToml("c.toml", 'a = 1\nb = = 2\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.line).toBe(2);
  });
});

describe("parseYaml", () => {
  it("knows key lines and refuses alias bombs", () => {
    const r = parseYaml("m.yaml", "name: x\nmcpServers:\n  - name: a\n    command: npx\n");
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.doc.lineOf(["mcpServers", 0, "command"])).toBe(4);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) bomb.push(`${"b".repeat(i)}: &${"b".repeat(i)} [${Array(9).fill(i === 1 ? "*a" : `*${"b".repeat(i - 1)}`).join(", ")}]`);
    const b = parseYaml("bomb.yaml", bomb.join("\n"));
    expect(b.ok).toBe(false);
  });
});

describe("maxNesting and LineIndex", () => {
  it("count brackets outside strings only, as written before the parser runs", () => {
    const at = (text: string) => maxNesting(text);
    expect(at(`{"a":[1,{"b":2}]}`)).toEqual({ depth: 3, offset: 8 });
    expect(at(`["[[[", "\\"[["]`)).toEqual({ depth: 1, offset: 0 }); // brackets in strings, an escaped quote
    expect(at(`['[[[']`)).toEqual({ depth: 1, offset: 0 }); // single-quoted (TOML literal, YAML) strings
    expect(at(`["a\\"[", [[]]]`)).toEqual({ depth: 3, offset: 10 });
    expect(at(`[" [[[[`)).toEqual({ depth: 1, offset: 0 }); // a string left open runs to the end
    expect(at(`[[]]\\`)).toEqual({ depth: 2, offset: 1 });
    expect(at(`a = [[1], {b = "}"}]`)).toEqual({ depth: 2, offset: 5 });
    expect(at(`]]][[`)).toEqual({ depth: 0, offset: 0 });
    expect(at("[".repeat(100_000))).toEqual({ depth: 100_000, offset: 99_999 });
  });

  it("index line starts (offset to line and back)", () => {
    const ix = new LineIndex("a\n\nbc\n");
    expect([0, 1, 2, 3, 4, 5, 6].map((o) => ix.lineOf(o))).toEqual([1, 1, 2, 3, 3, 3, 4]);
    expect([1, 2, 3, 4, 9].map((l) => ix.startOfLine(l))).toEqual([0, 2, 3, 6, 6]);
    expect(new LineIndex("").lineOf(0)).toBe(1);
  });
});

describe("decodeText", () => {
  it("refuses binary, invalid UTF-8 and oversized files", () => {
    expect(decodeText("a", new Uint8Array([0x7b, 0x00, 0x7d]))).toMatchObject({ ok: false, problem: { rule: "file.unreadable" } });
    expect(decodeText("a", new Uint8Array([0xff, 0xfe, 0x41]))).toMatchObject({ ok: false, problem: { rule: "file.unreadable" } });
    expect(decodeText("a", "x".repeat(MAX_FILE_BYTES + 1))).toMatchObject({ ok: false });
    expect(decodeText("a", "\ufeff{}")).toEqual({ ok: true, text: "{}" });
  });
});

describe("parseFile: a parser's crash is not a malformed file", () => {
  // Swap one surface's parser for a throwing one: the crash fails closed, flagged as internal.
  const withParser = <T>(path: string, parse: Surface["parse"], run: () => T): T => {
    const surface = surfaceFor(path)!;
    const original = surface.parse;
    surface.parse = parse;
    try {
      return run();
    } finally {
      surface.parse = original;
    }
  };

  it.each([
    ["a TypeError", () => (undefined as unknown as { x: string }).x],
    ["a stack overflow", function recurse(): never { return recurse(); }],
    ["a thrown string", () => { throw "boom"; }],
  ])("%s fails closed, flagged internal, naming only the error's class", (_name, crash) => {
    const r = withParser(".mcp.json", () => { crash(); return { capabilities: [], problems: [] }; }, () => parseFile(".mcp.json", '{"mcpServers": {"quoted-key": {}}}'));
    expect(r.capabilities).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", path: ".mcp.json", line: 1, internal: true })]);
    expect(r.problems[0]!.message).toMatch(/internal error of the mcp-json parser \((TypeError|RangeError|string)\)/);
    expect(r.problems[0]!.message).not.toContain("quoted-key");
  });

  it("a malformed file is a parse error that is not flagged internal", () => {
    for (const [path, text] of [[".mcp.json", '{"mcpServers": {'], [".codex/config.toml", "a = [1,\n"], [".github/workflows/w.yml", "on: [push\n"]] as const) {
      const r = parseFile(path, text);
      expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error" })]);
      expect(r.problems[0]!.internal).toBeUndefined();
    }
  });

  it("a review with a crashing parser fails closed", () => {
    const v = withParser(".mcp.json", () => { throw new TypeError("x"); }, () => review({ base: new Map(), head: new Map([[".mcp.json", "{}"]]) }));
    expect(v.conclusion).toBe("failure");
    expect(v.findings.map((f) => f.rule)).toEqual(["file.parse-error"]);
  });
});
