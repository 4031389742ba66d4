// `npm test` reads only files inside the repository: real files from public repositories are read
// by the corpus suite alone (test/corpus/, `npm run test:corpus`). CI also runs `npm test` in a clone
// with nothing beside it; this test names the file that would break that, before CI does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listFiles, ROOT } from "../helpers.js";

/** What reaching outside the repository looks like in a test source. */
const OUTSIDE: RegExp[] = [/shared[/\\]corpus/, /["']\.\.["'],\s*["']shared["']/, /corpus\/files(\.js)?["']/, /CAPABILITY_REVIEW_CORPUS/];

describe("npm test is self-contained", () => {
  const sources = listFiles(join(ROOT, "test")).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.startsWith("corpus/") && f !== "core/self-contained.test.ts");

  it("no test source outside test/corpus/ refers to the shared corpus", () => {
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources.filter((f) => OUTSIDE.some((re) => re.test(readFileSync(join(ROOT, "test", f), "utf8"))));
    expect(offenders).toEqual([]);
  });

  it("the pattern catches the ways a test would reach it", () => {
    for (const line of ['join(ROOT, "..", "shared", "corpus")', 'import { corpusFile } from "../corpus/files.js";', "readFileSync('../shared/corpus/x/.mcp.json')"]) {
      expect(OUTSIDE.some((re) => re.test(line))).toBe(true);
    }
  });

  it("npm test leaves the corpus suite out", async () => {
    const jestConfig: string = "../../jest.config.js";
    const { default: config } = (await import(jestConfig)) as { default: { testPathIgnorePatterns: string[] } };
    expect(config.testPathIgnorePatterns).toContain("<rootDir>/test/corpus/");
  });
});
