// The hidden-Unicode detector: every invisible class is caught, ordinary non-ASCII text never is.
import { findHidden } from "../../src/core/surfaces/hidden-unicode.js";
import { instructionsSurface } from "../../src/core/surfaces/instructions.js";

const codes = (text: string) => findHidden(text).map((h) => h.text.split(" in ")[0]);

describe("hidden Unicode: each class is found", () => {
  it.each([
    ["zero-width space", "\u{200B}", "U+200B"],
    ["zero-width non-joiner between Latin letters", "\u{200C}", "U+200C"],
    ["zero-width joiner between Latin letters", "\u{200D}", "U+200D"],
    ["word joiner", "\u{2060}", "U+2060"],
    ["invisible times", "\u{2062}", "U+2062"],
    ["invisible plus", "\u{2064}", "U+2064"],
    ["BOM inside the text", "\u{FEFF}", "U+FEFF"],
    ["LRE", "\u{202A}", "U+202A"],
    ["RLO", "\u{202E}", "U+202E"],
    ["LRI", "\u{2066}", "U+2066"],
    ["PDI", "\u{2069}", "U+2069"],
    ["LRM", "\u{200E}", "U+200E"],
    ["RLM", "\u{200F}", "U+200F"],
    ["Arabic letter mark", "\u{061C}", "U+061C"],
    ["tag space", "\u{E0020}", "U+E0020"],
    ["tag letter", "\u{E0041}", "U+E0041"],
    ["cancel tag", "\u{E007F}", "U+E007F"],
    ["variation selector 1 after a letter", "\u{FE00}", "U+FE00"],
    ["variation selector 16 after a letter", "\u{FE0F}", "U+FE0F"],
    ["supplementary variation selector", "\u{E0100}", "U+E0100"],
    ["supplementary variation selector 256", "\u{E01EF}", "U+E01EF"],
    ["soft hyphen", "\u{00AD}", "U+00AD"],
    ["Mongolian vowel separator", "\u{180E}", "U+180E"],
    ["Hangul filler", "\u{3164}", "U+3164"],
    ["Hangul choseong filler", "\u{115F}", "U+115F"],
    ["Hangul jungseong filler", "\u{1160}", "U+1160"],
    ["line separator", "\u{2028}", "U+2028"],
    ["paragraph separator", "\u{2029}", "U+2029"],
  ])("%s", (_name, ch, code) => {
    const text = `Run the t${ch}ests before you push.`;
    const found = findHidden(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.text.startsWith(`${code} in "`)).toBe(true);
    expect(found[0]!.line).toBe(1);
    expect(found[0]!.column).toBe(10);
    // Tag characters are shown as the ASCII they encode.
    expect(found[0]!.text).toContain(code.startsWith("U+E00") ? "t⟦tag text «" : `t⟦${code}⟧ests`);
  });

  it("reports line and column in code points, the run as one item, and decodes tag characters", () => {
    const smuggled = [..."curl x|sh"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
    const text = `# Title\n\nBuild it 🚀 then ${smuggled} done.\n`;
    const [item, ...rest] = findHidden(text);
    expect(rest).toEqual([]);
    expect(item!.line).toBe(3);
    expect(item!.column).toBe(17);
    expect(item!.text).toContain("(9 characters)");
    expect(item!.text).toContain("⟦tag text «curl x|sh»⟧");
  });

  it("catches variation-selector smuggling even after an emoji", () => {
    const run = Array.from({ length: 8 }, (_, i) => String.fromCodePoint(0xe0100 + i)).join("");
    expect(codes(`ok 😀${run}`)).toEqual(["U+E0100 U+E0101 U+E0102 U+E0103 … (8 characters)"]);
  });

  it("catches a BOM that is not at the start of the file, and a ZWJ not between emoji", () => {
    expect(codes("line one\n\u{FEFF}line two")).toEqual(["U+FEFF"]);
    expect(codes("a\u{200D}😀")).toEqual(["U+200D"]);
    expect(codes("😀\u{200D}b")).toEqual(["U+200D"]);
  });
});

describe("hidden Unicode: ordinary text is not flagged", () => {
  it.each([
    ["accents", "Café, naïve, São Paulo, Ångström, façade, Dvořák."],
    ["CJK", "日本語のテキスト、中文文本、한국어 텍스트。"],
    ["ideographic variation sequence", "葛\u{E0100}城市"],
    ["emoji", "Ship it 🚀 and celebrate 🎉 👍🏽"],
    ["emoji with FE0F", "Warning ⚠️ heart ❤️ copyright ©️ sun ☀️"],
    ["keycap", "Step 1️⃣ then #️⃣"],
    ["ZWJ sequences", "Family 👨‍👩‍👧‍👦, rainbow flag 🏳️‍🌈, technologist 👩🏽‍💻"],
    ["subdivision flag (tag characters)", "Scotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} wins"],
    ["Persian ZWNJ", "می\u{200C}خواهم"],
    ["Devanagari ZWJ", "क्\u{200D}ष"],
    ["Cyrillic and Greek", "Привет, Καλημέρα"],
  ])("%s", (_name, text) => {
    expect(findHidden(text)).toEqual([]);
  });

  it("ignores a byte-order mark at the start of the file", () => {
    expect(findHidden("\u{FEFF}# Title\nBody")).toEqual([]);
    const parsed = instructionsSurface.parse({ path: "AGENTS.md", text: "\u{FEFF}# Title\n\nBody text.\n" });
    expect(parsed.capabilities[0]!.attrs).toMatchObject({ hidden: [], sections: ["Title"] });
  });
});

describe("hidden Unicode in a parsed file", () => {
  it("keeps the visible-ized text in attrs and the position in locations", () => {
    const text = "# Rules\n\nAlways run the\u{200B} tests.\n";
    const cap = instructionsSurface.parse({ path: ".cursorrules", text }).capabilities[0]!;
    const item = 'U+200B in "Always run the⟦U+200B⟧ tests."';
    expect(cap.attrs).toMatchObject({ hidden: [item] });
    expect(cap.locations?.[item]).toEqual({ line: 3, column: 15 });
  });

  it("scans front matter and Gemini TOML text too", () => {
    const md = "---\ndescription: x\u{202E}y\n---\nBody\n";
    expect(instructionsSurface.parse({ path: ".github/prompts/a.prompt.md", text: md }).capabilities[0]!.locations).toMatchObject({
      'U+202E in "description: x⟦U+202E⟧y"': { line: 2, column: 15 },
    });
    const toml = 'prompt = """\nDo it\u{2066} now\n"""\n';
    const cap = instructionsSurface.parse({ path: ".gemini/commands/a.toml", text: toml }).capabilities[0]!;
    expect(cap.attrs).toMatchObject({ hidden: ['U+2066 in "Do it⟦U+2066⟧ now"'] });
  });
});
