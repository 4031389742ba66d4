// Binary files in skill folders (fonts, images, PDFs, archives, programs): judged by their first
// bytes, never by their names; a kind the table does not know still fails closed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Capability, SkillFileAttrs } from "../../src/core/model.js";
import { MAX_FILE_BYTES } from "../../src/core/parse/text.js";
import { parseFile } from "../../src/core/review.js";
import { binaryKind } from "../../src/core/surfaces/file-kind.js";
import { skillFileSurface } from "../../src/core/surfaces/skill-file.js";
import { FIXTURES } from "../helpers.js";

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, "skill-file/binary", name)));
const FOLDER = "skills/canvas-design";
const attrsOf = (path: string, content: Uint8Array): SkillFileAttrs => {
  const parsed = parseFile(path, content);
  expect(parsed.problems).toEqual([]);
  expect(parsed.capabilities).toHaveLength(1);
  const c = parsed.capabilities[0]! as Capability & { kind: "skill_file" };
  expect(c).toMatchObject({ kind: "skill_file", key: `${path}#skill-file`, path, line: 1 });
  return c.attrs;
};

describe("binaryKind: by the first bytes", () => {
  it.each([
    ["logo.png", "PNG image", "data"],
    ["spinner.gif", "GIF image", "data"],
    ["display-font.ttf", "TrueType font", "data"],
    ["theme-showcase.pdf", "PDF document", "data"],
    ["collect-linux", "ELF executable", "program"],
    ["collect-macos", "Mach-O executable", "program"],
    ["collect.exe", "Windows executable (PE)", "program"],
    ["filter.wasm", "WebAssembly module", "program"],
    ["install.run", "script with binary content", "program"],
    ["components.tar.gz", "gzip archive", "archive"],
    ["components.tar", "tar archive", "archive"],
    ["templates.zip", "zip archive (zip, jar, docx, apk...)", "archive"],
    ["banner.png", "PNG image holding a zip archive", "archive"],
  ])("%s: %s (%s)", (name, kind, cls) => {
    expect(binaryKind(bytes(name))).toEqual({ name: kind, class: cls });
  });

  it("no kind for bytes it does not know, for too few bytes, and for a two-letter BMP look-alike", () => {
    expect(binaryKind(bytes("weights.bin"))).toBeUndefined();
    expect(binaryKind(new Uint8Array([0x89, 0x50]))).toBeUndefined();
    expect(binaryKind(new Uint8Array())).toBeUndefined();
    // `BM` then anything is no bitmap: its reserved words must be zero and its header size a known one.
    const bmp = new Uint8Array(64);
    bmp.set([0x42, 0x4d]);
    bmp[14] = 40;
    expect(binaryKind(bmp)).toEqual({ name: "BMP image", class: "data" });
    bmp[7] = 1;
    expect(binaryKind(bmp)).toBeUndefined();
  });

  it("a zip anywhere in an image makes it an archive, its end record alone too (7-Zip finds one inside)", () => {
    const png = bytes("logo.png");
    const zip = bytes("templates.zip");
    const far = new Uint8Array(png.length + zip.length + 70_000);
    far.set(png);
    far.set(zip, png.length);
    expect(binaryKind(far)).toEqual({ name: "PNG image holding a zip archive", class: "archive" });
    const endOnly = new Uint8Array([...png, ...Buffer.from("PK\x05\x06", "latin1"), ...new Uint8Array(18)]);
    expect(binaryKind(endOnly)?.class).toBe("archive");
    expect(binaryKind(png)?.class).toBe("data");
  });
});

describe("skill-file surface: binary files", () => {
  it("a font, an image and a PDF are inert data named by their content, digested by their bytes", () => {
    const font = attrsOf(`${FOLDER}/canvas-fonts/DisplaySerif-Regular.ttf`, bytes("display-font.ttf"));
    expect(font).toEqual({
      folder: FOLDER, file: "canvas-fonts/DisplaySerif-Regular.ttf", head: "", executable: false, content: "data", binary: "TrueType font",
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(attrsOf(".claude/skills/brand/assets/logo.png", bytes("logo.png"))).toMatchObject({ content: "data", binary: "PNG image", executable: false });
    expect(attrsOf("skills/theme-factory/theme-showcase.pdf", bytes("theme-showcase.pdf"))).toMatchObject({ content: "data", binary: "PDF document" });
    const other = bytes("display-font.ttf");
    other[40] = 0x7f;
    expect(attrsOf(`${FOLDER}/canvas-fonts/DisplaySerif-Regular.ttf`, other).digest).not.toBe(font.digest);
  });

  it("an ELF named logo.png is a program; an archive under scripts/ is an archive", () => {
    expect(attrsOf(".claude/skills/brand/assets/logo.png", bytes("collect-linux"))).toMatchObject({ content: "program", binary: "ELF executable", executable: true });
    expect(attrsOf("skills/web-artifacts-builder/scripts/shadcn-components.tar.gz", bytes("components.tar.gz"))).toMatchObject({ content: "archive", binary: "gzip archive", executable: false });
    expect(attrsOf(".agents/skills/brand/assets/banner.png", bytes("banner.png"))).toMatchObject({ content: "archive" });
  });

  it("an image under a script's name is a script: it runs as the name says (a GIF that is also JavaScript)", () => {
    expect(attrsOf(".claude/skills/brand/scripts/render.js", bytes("spinner.gif"))).toMatchObject({ content: "script", binary: "GIF image", executable: true });
  });

  it("binary of no known kind, or over the size limit, still fails closed as unreadable", () => {
    const unknown = parseFile(".claude/skills/ml/model/weights.bin", bytes("weights.bin"));
    expect(unknown).toMatchObject({ kind: "skill-file", capabilities: [] });
    expect(unknown.problems).toEqual([expect.objectContaining({ rule: "file.unreadable", message: expect.stringMatching(/not valid UTF-8|binary/) })]);
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(bytes("logo.png"));
    expect(parseFile(".claude/skills/brand/assets/poster.png", big).problems).toEqual([expect.objectContaining({ rule: "file.unreadable", message: expect.stringContaining("over the 1048576-byte limit") })]);
  });

  it("only the skill folder's files: SKILL.md, files directly in skills/ and other surfaces' binaries fail closed", () => {
    expect(skillFileSurface.parseBytes!({ path: ".claude/skills/x/SKILL.md", bytes: bytes("logo.png") })).toBeUndefined();
    expect(skillFileSurface.parseBytes!({ path: "skills/logo.png", bytes: bytes("logo.png") })).toBeUndefined();
    expect(parseFile(".claude/skills/x/SKILL.md", bytes("logo.png")).problems[0]?.rule).toBe("file.unreadable");
    expect(parseFile(".mcp.json", bytes("logo.png")).problems[0]?.rule).toBe("file.unreadable");
  });
});
