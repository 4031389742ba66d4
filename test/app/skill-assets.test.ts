// The app reads the bytes of binary files in skill folders (GitHub's GraphQL gives no text for
// them): the core judges them by their content. Other binary files are not fetched and fail closed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES } from "../helpers.js";
import { pullRequestEvent, useHarness } from "../e2e/helpers.js";
import { seed } from "../e2e/scenario.js";

const h = useHarness();
const asset = (name: string): Buffer => readFileSync(join(FIXTURES, "skill-file/binary", name));
const SKILL = ".claude/skills/brand/SKILL.md";
const SKILL_MD = "---\nname: brand\ndescription: Lay out slides in the company's brand.\n---\n\nUse the fonts in `assets/fonts/` and the logo in `assets/`.\n";
const last = () => h.fake.checkRuns.at(-1)!;
const blobReads = () => h.fake.requests({ route: "GET /repos/:owner/:repo/git/blobs/:sha" });
const titles = (path: string) => last().annotations.filter((a) => a.path === path).map((a) => `${a.title ?? ""} ${a.message}`);

/** A fresh repository (its log cleared), `tree` added to its base, and pull request `number` to `files`. */
async function open(number: number, files: Record<string, string | Buffer | null>, tree: Record<string, string | Buffer> = {}) {
  const s = seed(h.fake);
  const base = Object.keys(tree).length ? s.repo.commit(tree, { parent: s.base }) : s.base;
  const headSha = s.repo.commit(files, { parent: base });
  s.repo.openPull({ number, baseSha: base, headSha });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", { number, baseSha: base, headSha }))).toBe(200);
}

describe("binary files in a skill's folder, read by the app", () => {
  test("a font and a logo are info assets, an ELF named like a PNG is an executable: no file.unreadable", async () => {
    await open(70, {
      [SKILL]: SKILL_MD,
      ".claude/skills/brand/assets/logo.png": asset("logo.png"),
      ".claude/skills/brand/assets/fonts/Display-Regular.ttf": asset("display-font.ttf"),
      ".claude/skills/brand/assets/icon.png": asset("collect-linux"),
    });
    const run = last();
    expect(run.annotations.map((a) => a.message ?? "").filter((t) => t.includes("file.unreadable"))).toEqual([]);
    expect(titles(".claude/skills/brand/assets/icon.png").join("\n")).toContain("(ELF executable): the skill can run it");
    // Info assets and a medium executable: nothing needs approval under the default policy.
    expect(run.conclusion).toBe("success");
    expect(`${run.output.summary ?? ""}${run.output.text ?? ""}`).not.toMatch(/file is binary/);
    // One read per binary in the skill folder, none for the text files.
    expect(blobReads()).toHaveLength(3);
  });

  test("a binary outside skill folders is not fetched and still fails closed", async () => {
    await open(71, { ".claude/settings.json": asset("logo.png") });
    expect(last().conclusion).toBe("failure");
    expect(titles(".claude/settings.json").join("\n")).toContain("file is binary; it was not analysed");
    expect(blobReads()).toHaveLength(0);
  });

  test("a binary of no known kind in a skill folder fails closed; a skill folder moved unchanged reads each blob once", async () => {
    await open(72, { ".claude/skills/ml/model/weights.bin": asset("weights.bin") });
    expect(last().conclusion).toBe("failure");
    expect(titles(".claude/skills/ml/model/weights.bin").join("\n")).toMatch(/file\.unreadable/);

    await open(73, { ".claude/skills/brand/assets/logo.png": null, ".claude/skills/brand-kit/assets/logo.png": asset("logo.png") }, { ".claude/skills/brand/assets/logo.png": asset("logo.png") });
    expect(last().conclusion).toBe("success");
    expect(blobReads()).toHaveLength(1);
  });
});
