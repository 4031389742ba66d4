// What a binary file is, by its first bytes (magic numbers), never by its name: an ELF named
// `logo.png` is an ELF. For the files shipped in skill folders (fonts, images, archives, programs).
// A short table, not a library: file-type answers only asynchronously (the core is synchronous),
// and magic-bytes.js takes Mach-O for Java classes and answers a zip with a dozen candidates.

/** `data`: inert (images, fonts, PDFs, media); `archive`: holds other files; `program`: runs. */
export type BinaryClass = "data" | "archive" | "program";

export interface BinaryKind {
  /** What it is, for the finding: `PNG image`, `ELF executable`. */
  name: string;
  class: BinaryClass;
}

/** Bytes that must stand at an offset; a string stands for its character codes (latin1). */
type Part = [at: number, bytes: string | number[]];
interface Signature extends BinaryKind {
  parts: Part[];
}

const sig = (name: string, cls: BinaryClass, ...parts: Part[]): Signature => ({ name, class: cls, parts });

// Programs first, then archives, then inert data: the first match names the file.
const SIGNATURES: Signature[] = [
  sig("ELF executable", "program", [0, [0x7f, 0x45, 0x4c, 0x46]]),
  ...[[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe]].map((m) => sig("Mach-O executable", "program", [0, m])),
  sig("Mach-O universal binary or Java class", "program", [0, [0xca, 0xfe, 0xba, 0xbe]]),
  sig("Windows executable (PE)", "program", [0, "MZ"]),
  sig("WebAssembly module", "program", [0, [0x00, 0x61, 0x73, 0x6d]]),
  sig("Android Dalvik executable", "program", [0, "dex\n"]),
  // A shebang line before binary content: a self-extracting installer runs its payload.
  sig("script with binary content", "program", [0, "#!"]),

  ...["PK\x03\x04", "PK\x05\x06", "PK\x07\x08"].map((m) => sig("zip archive (zip, jar, docx, apk...)", "archive", [0, m])),
  sig("gzip archive", "archive", [0, [0x1f, 0x8b]]),
  sig("compress archive", "archive", [0, [0x1f, 0x9d]]),
  sig("bzip2 archive", "archive", [0, "BZh"]),
  sig("xz archive", "archive", [0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]]),
  sig("7z archive", "archive", [0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]]),
  sig("RAR archive", "archive", [0, "Rar!\x1a\x07"]),
  sig("zstd archive", "archive", [0, [0x28, 0xb5, 0x2f, 0xfd]]),
  sig("LZ4 archive", "archive", [0, [0x04, 0x22, 0x4d, 0x18]]),
  sig("lzip archive", "archive", [0, "LZIP"]),
  sig("tar archive", "archive", [257, "ustar"]),
  sig("ar archive (deb)", "archive", [0, "!<arch>\n"]),
  sig("RPM package", "archive", [0, [0xed, 0xab, 0xee, 0xdb]]),
  sig("xar archive (macOS pkg)", "archive", [0, "xar!"]),
  sig("Windows cabinet archive", "archive", [0, "MSCF"]),
  // Word/Excel 97 files and MSI installers alike.
  sig("OLE compound file (doc, xls, msi)", "archive", [0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]),

  sig("PNG image", "data", [0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]),
  sig("JPEG image", "data", [0, [0xff, 0xd8, 0xff]]),
  sig("GIF image", "data", [0, "GIF87a"]),
  sig("GIF image", "data", [0, "GIF89a"]),
  sig("WebP image", "data", [0, "RIFF"], [8, "WEBP"]),
  sig("WAV audio", "data", [0, "RIFF"], [8, "WAVE"]),
  sig("TIFF image", "data", [0, "II*\x00"]),
  sig("TIFF image", "data", [0, "MM\x00*"]),
  sig("ICO icon", "data", [0, [0x00, 0x00, 0x01, 0x00]]),
  sig("Photoshop image", "data", [0, "8BPS"]),
  sig("MP4/QuickTime media (or AVIF/HEIC image)", "data", [4, "ftyp"]),
  sig("Matroska/WebM video", "data", [0, [0x1a, 0x45, 0xdf, 0xa3]]),
  sig("MP3 audio", "data", [0, "ID3"]),
  sig("Ogg media", "data", [0, "OggS"]),
  sig("FLAC audio", "data", [0, "fLaC"]),
  sig("TrueType font", "data", [0, [0x00, 0x01, 0x00, 0x00, 0x00]]),
  sig("TrueType font", "data", [0, "true"]),
  sig("OpenType font", "data", [0, "OTTO"]),
  sig("TrueType font collection", "data", [0, "ttcf"]),
  sig("WOFF font", "data", [0, "wOFF"]),
  sig("WOFF2 font", "data", [0, "wOF2"]),
  sig("PDF document", "data", [0, "%PDF-"]),
  // Finder's folder settings, often committed by accident from a Mac.
  sig("macOS folder metadata (.DS_Store)", "data", [0, [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31]]),
];

function matches(bytes: Uint8Array, [at, want]: Part): boolean {
  if (at + want.length > bytes.length) return false;
  for (let i = 0; i < want.length; i++) {
    const w = typeof want === "string" ? want.charCodeAt(i) : want[i]!;
    if (bytes[at + i] !== w) return false;
  }
  return true;
}

/** BMP's two-letter magic is too weak alone: its reserved words are zero and its header size is a known one. */
function isBmp(b: Uint8Array): boolean {
  if (b.length < 18 || b[0] !== 0x42 || b[1] !== 0x4d) return false;
  if (b[6] || b[7] || b[8] || b[9]) return false;
  const dib = b[14]! | (b[15]! << 8) | (b[16]! << 16) | (b[17]! << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dib);
}

/**
 * A zip's local file header or end record anywhere: `unzip`, `python` and `java -jar` read a zip
 * from its end whatever comes before it, and 7-Zip finds one further in. Four bytes by chance in a
 * 1 MiB image: about once in 2,000 files, then reported as an archive (fails closed).
 */
const ZIP_MARKS = [Buffer.from("PK\x03\x04", "latin1"), Buffer.from("PK\x05\x06", "latin1")];

function holdsZip(bytes: Uint8Array): boolean {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ZIP_MARKS.some((m) => all.indexOf(m) >= 0);
}

/**
 * The kind of a binary file, undefined when it is none this table knows (the caller fails closed).
 * Inert data that holds a zip is an archive.
 */
export function binaryKind(bytes: Uint8Array): BinaryKind | undefined {
  const found = SIGNATURES.find((s) => s.parts.every((p) => matches(bytes, p))) ?? (isBmp(bytes) ? { name: "BMP image", class: "data" as const } : undefined);
  if (!found) return undefined;
  if (found.class === "data" && holdsZip(bytes)) return { name: `${found.name} holding a zip archive`, class: "archive" };
  return { name: found.name, class: found.class };
}
