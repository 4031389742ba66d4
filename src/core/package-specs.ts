// What one package argument names, for each registry a launcher fetches from, and whether it
// resolves to fixed code: an exact version, a commit or a digest. Anything that can move (a range,
// a tag like `latest`, a branch, a URL whose content its host decides) is unpinned.
import type { PackageRef } from "./model.js";

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const GIT_SHA = /^[0-9a-f]{40}$/i;
/** PEP 440 release (`1.4`, `2025.4.7`, `1.0rc1`, `1.0.post1`), no wildcard. */
const EXACT_PEP440 = /^\d[a-z0-9.+!_-]*$/i;
/** A tag that names a release (`1.2.0`, `v0.4.1-alpine`): `latest`, `1` or `stable` move. */
const EXACT_TAG = /^v?\d+\.\d+\.\d+(?:[-+._][0-9A-Za-z._-]+)?$/;
/** Go module versions: release or pseudo-version. */
const EXACT_GO = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+incompatible)?$/;

/** A path on this machine, not something a registry serves. */
export const isLocalPath = (spec: string): boolean => /^(\.{1,2}([/\\]|$)|[/\\~]|file:|[A-Za-z]:[/\\])/.test(spec);

/** `@scope/name@1.2.3` → name and version. */
function splitNpm(spec: string): { name: string; version?: string } {
  // The first `@` after the name (a scope's `@` is part of it); an alias's version holds another.
  const at = spec.indexOf("@", spec.startsWith("@") ? Math.max(spec.indexOf("/"), 1) : 1);
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  return { name: spec };
}

/** A version that is really another source: a URL, a git or file spec, an alias (`npm:other@1`). */
const OTHER_SOURCE = /[:/\\]/;

export function npmRef(runner: string, spec: string): PackageRef {
  if (/^(git\+|https?:|github:|gitlab:|bitbucket:|git:)/.test(spec)) return gitRef(runner, spec);
  const { name, version } = splitNpm(spec);
  // `pkg@npm:other@1.0.0` runs `other`; `pkg@https://…/x.tgz` runs whatever that host serves.
  if (version?.startsWith("npm:")) return npmRef(runner, version.slice(4));
  if (version && OTHER_SOURCE.test(version)) return gitRef(runner, version);
  return { runner, name, ...(version ? { version } : {}), pinned: !!version && EXACT_SEMVER.test(version) };
}

export function gitRef(runner: string, spec: string): PackageRef {
  const hash = spec.split("#")[1];
  const at = /@([0-9a-f]{40})$/i.exec(spec.split("#")[0]!)?.[1];
  const commit = hash ?? at;
  const name = spec.split("#")[0]!.replace(/@[0-9a-f]{40}$/i, "");
  return { runner, name, ...(commit ? { version: commit } : {}), pinned: !!commit && GIT_SHA.test(commit) };
}

export function pypiRef(runner: string, spec: string): PackageRef {
  if (/^git\+|^https?:/.test(spec)) return gitRef(runner, spec);
  // The version only follows an operator; without one the whole spec is the name.
  const m = /^([A-Za-z0-9_.\-[\]]+?)\s*(?:(===|==|@|>=|~=|<=|!=|>|<)\s*([^\s;]*))?$/.exec(spec);
  const name = m?.[1] ?? spec;
  const op = m?.[2];
  const version = m?.[3] || undefined;
  // `pkg @ https://…/pkg.whl` (a direct reference) is that URL's code, not the index's `pkg`.
  if (op === "@" && version && OTHER_SOURCE.test(version)) return gitRef(runner, version);
  const exact = (op === "==" || op === "===" || op === "@") && !!version && version !== "latest" && EXACT_PEP440.test(version);
  return { runner, name, ...(version ? { version } : {}), pinned: exact };
}

/** `registry:5000/org/image:tag@sha256:…`: only a digest, or a tag that names a release, is fixed. */
export function imageRef(runner: string, image: string): PackageRef {
  const [ref, digest] = image.split("@");
  const tag = /:([^/:]+)$/.exec(ref!)?.[1];
  const name = tag === undefined ? ref! : ref!.slice(0, -tag.length - 1);
  const pinnedDigest = !!digest && /^sha256:[0-9a-f]{64}$/i.test(digest);
  const version = digest ?? tag;
  return { runner, name, ...(version ? { version } : {}), pinned: pinnedDigest || (!digest && !!tag && EXACT_TAG.test(tag)) };
}

export function goRef(spec: string): PackageRef | undefined {
  // Without `@version` the package resolves through go.mod (pinned by go.sum) or is local.
  const at = spec.lastIndexOf("@");
  if (at <= 0 || isLocalPath(spec)) return undefined;
  const version = spec.slice(at + 1);
  return { runner: "go-run", name: spec.slice(0, at), ...(version ? { version } : {}), pinned: EXACT_GO.test(version) || GIT_SHA.test(version) };
}

export function gemRef(name: string, version: string | undefined): PackageRef {
  // `-v 1.2.0` or `-v '= 1.2.0'`; `~> 1.2`, `>= 1` are ranges.
  const exact = !!version && /^=?\s*\d+(?:\.[0-9A-Za-z]+)*$/.test(version.trim());
  return { runner: "gem-exec", name, ...(version ? { version } : {}), pinned: exact };
}

/**
 * Hosts whose versioned URLs never change content, and where the version sits: deno.land/x and
 * esm.sh, jsdelivr and unpkg (`name@1.2.3`), jsr.io (`/@scope/name/1.2.3/`). Any other host serves
 * what it likes at a URL: unpinned unless the path holds a commit (raw GitHub content).
 */
const IMMUTABLE = /^https:\/\/(?:deno\.land\/(?:x\/)?[A-Za-z0-9_-]{1,128}@(v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)\/|(?:esm\.sh|unpkg\.com|cdn\.jsdelivr\.net\/npm)\/(?:@[A-Za-z0-9_.-]{1,128}\/)?[A-Za-z0-9_.-]{1,128}@(v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)(?:[/?]|$)|jsr\.io\/@[A-Za-z0-9_-]{1,128}\/[A-Za-z0-9_-]{1,128}\/(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)\/)/;
const COMMIT_IN_PATH = /^https:\/\/(?:raw\.githubusercontent\.com|github\.com)\/[^/?#]{1,128}\/[^/?#]{1,128}\/(?:raw\/|blob\/)?([0-9a-f]{40})\//i;

/** A Deno specifier: `npm:`, `jsr:` or a remote URL (`https://…`); a local script is no package. */
export function denoRef(spec: string): PackageRef | undefined {
  if (spec.startsWith("npm:")) {
    const body = spec.slice(4);
    // `npm:@scope/name@1.2.3/sub/path`: the subpath is no part of the version.
    const m = /^((?:@[^/@]{1,214}\/)?[^/@]{1,214})(?:@([^/]{1,128}))?/.exec(body);
    return m ? { runner: "deno", name: `npm:${m[1]}`, ...(m[2] ? { version: m[2] } : {}), pinned: !!m[2] && EXACT_SEMVER.test(m[2]) } : { runner: "deno", name: spec, pinned: false };
  }
  if (spec.startsWith("jsr:")) {
    const m = /^(@[^/@]{1,128}\/[^/@]{1,128})(?:@([^/]{1,128}))?/.exec(spec.slice(4));
    return m ? { runner: "deno", name: `jsr:${m[1]}`, ...(m[2] ? { version: m[2] } : {}), pinned: !!m[2] && EXACT_SEMVER.test(m[2]) } : { runner: "deno", name: spec, pinned: false };
  }
  if (!/^https?:\/\//i.test(spec)) return undefined;
  const url = spec.split(/[?#]/)[0]!;
  const version = IMMUTABLE.exec(url)?.slice(1).find(Boolean) ?? COMMIT_IN_PATH.exec(url)?.[1];
  return { runner: "deno", name: url, ...(version ? { version } : {}), pinned: !!version && url.startsWith("https://") };
}

/** A package or image name: an optional scope `@`, then no `@`, `:` or `=` (an alias `x@npm:y` is none). */
const PACKAGE_NAME = /^@?[A-Za-z0-9._/-]+$/;

/** `name@1.2.3`, `name==1.2.3`, `image:v1.2.3`: a word that pins a package at an exact release. */
function pinnedWord(word: string): { name: string; sep: string; version: string } | undefined {
  for (const sep of ["==", "@", ":"]) {
    const at = word.lastIndexOf(sep);
    if (at <= 0) continue;
    const name = word.slice(0, at);
    const version = word.slice(at + sep.length);
    if (EXACT_SEMVER.test(version) && PACKAGE_NAME.test(name)) return { name, sep, version };
  }
  return undefined;
}

/**
 * The packages whose pinned release is all that differs between two command lines (same words
 * otherwise, the same package and separator in each differing word); undefined when anything else
 * differs, or nothing does.
 */
export function pinnedReleaseMoves(before: string, after: string): { name: string; from: string; to: string }[] | undefined {
  const b = before.trim().split(/\s+/);
  const a = after.trim().split(/\s+/);
  if (b.length !== a.length) return undefined;
  const moves: { name: string; from: string; to: string }[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = pinnedWord(b[i]!);
    const y = pinnedWord(a[i]!);
    if (!x || !y || x.name !== y.name || x.sep !== y.sep) return undefined;
    moves.push({ name: y.name, from: x.version, to: y.version });
  }
  return moves.length ? moves : undefined;
}
