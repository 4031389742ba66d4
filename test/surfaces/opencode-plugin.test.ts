import { fixture, lineOf } from "../helpers.js";
import { opencodePlugin } from "../../src/core/surfaces/opencode-plugin.js";
import { hits, reviewPair } from "../review-helpers.js";

const PLUGIN = ".opencode/plugins/guard.ts";
const PKG = ".opencode/package.json";
const plugin = fixture("opencode-plugin/guard.ts");
const pkg = fixture("opencode-plugin/package.json");

describe("opencode-plugin surface", () => {
  test("a plugin file is one executable hook named by its path and tracked by digest", () => {
    const r = opencodePlugin.parse({ path: PLUGIN, text: plugin });
    expect(r.capabilities).toEqual([
      expect.objectContaining({ kind: "hook", key: `${PLUGIN}#hook`, line: 1, attrs: expect.objectContaining({ client: "opencode", event: "plugin", type: "executable", command: PLUGIN }) }),
    ]);
    const crlf = opencodePlugin.parse({ path: PLUGIN, text: plugin.replace(/\n/g, "\r\n") });
    expect(crlf.capabilities[0]!.attrs).toEqual(r.capabilities[0]!.attrs);
  });

  test("a custom tool is a hook on `tool`", () => {
    expect(opencodePlugin.parse({ path: ".opencode/tools/db.ts", text: "export default {}\n" }).capabilities[0]!.attrs).toMatchObject({ event: "tool" });
  });

  test("package.json: what bun installs at start, by value", () => {
    const r = opencodePlugin.parse({ path: PKG, text: pkg });
    expect(r.capabilities.map((c) => [c.key, c.line, c.attrs])).toEqual([
      [`${PKG}#install`, lineOf(pkg, '"dependencies"'), expect.objectContaining({ event: "startup", command: "bun install shell-quote" })],
    ]);
    expect(opencodePlugin.parse({ path: PKG, text: '{ "name": "x" }' }).capabilities).toEqual([]);
  });

  test("adding a plugin is a high hook finding; editing it is a changed hook", () => {
    expect(hits(reviewPair({ [PLUGIN]: [undefined, plugin] }), "hooks.command-added").map((f) => [f.path, f.severity])).toEqual([[PLUGIN, "high"]]);
    const edited = reviewPair({ [PLUGIN]: [plugin, plugin.replace("prod.env", "staging.env")] });
    expect(hits(edited, "hooks.command-changed").map((f) => f.message)).toEqual([expect.stringContaining("script content changed")]);
    const bumped = reviewPair({ [PKG]: [pkg, pkg.replace("^1.8.1", "^1.9.0")] });
    expect(hits(bumped, "hooks.command-changed")).toHaveLength(1);
  });
});
