// Annotation texts are shown by GitHub as written: code spans become quoted text, no backtick stays.
import { plainText } from "../../src/core/render/plain.js";
import { code } from "../../src/core/rules/types.js";
import { expectNoBlowUp } from "../helpers.js";

describe("plainText", () => {
  test("code spans of every width become quoted text; prose stays", () => {
    expect(plainText("New MCP server `browser` (stdio: `npx -y @playwright/mcp@latest`).")).toBe('New MCP server "browser" (stdio: "npx -y @playwright/mcp@latest").');
    expect(plainText(`Allows ${code("Bash(echo `id`)")} without asking.`)).toBe('Allows "Bash(echo `id`)" without asking.');
    expect(plainText("no code here")).toBe("no code here");
  });

  test("no backtick survives outside a span's content, an unmatched run included", () => {
    for (const text of ["a ` b", "``x` y", "end `", "`", "a `b` c ``d"]) {
      const out = plainText(text);
      expect([text, out.replace(/"[^"]*"/g, "").includes("`")]).toEqual([text, false]);
    }
  });

  test("linear in the input (runs of backticks that never close are read once)", () => {
    const hostile = (n: number) => "`".repeat(n) + " x " + "``".repeat(n);
    expectNoBlowUp(hostile, plainText, 2_000, 40_000);
    // Runs of every length up to k, none closed: each is matched once, not searched for to the end.
    const staircase = (n: number) => Array.from({ length: Math.floor(Math.sqrt(2 * n)) }, (_, i) => "`".repeat(i + 1)).join(" x ");
    expectNoBlowUp(staircase, plainText, 20_000, 400_000);
  });
});
