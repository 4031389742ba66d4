// The CLI's scan over a real repository's capability files (../shared/corpus).
import { join } from "node:path";
import { run } from "../../src/cli.js";
import { CORPUS } from "./files.js";

describe("capability-review CLI", () => {
  it("scan groups a real repository's inventory by agent ecosystem", () => {
    const r = run(["scan", join(CORPUS, "anthropics__claude-code-action"), "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const ecosystems = new Set(out.capabilities.map((c: { ecosystem: string }) => c.ecosystem));
    expect([...ecosystems]).toEqual(expect.arrayContaining(["claude", "github-actions"]));
    const md = run(["scan", join(CORPUS, "anthropics__claude-code-action")]).stdout;
    expect(md).toMatch(/### claude \(\d+\)/);
    expect(md).toMatch(/### github-actions \(\d+\)/);
    expect(run(["scan", join(CORPUS, "anthropics__claude-code-action"), "--format", "sarif"]).code).toBe(2);
  });
});
