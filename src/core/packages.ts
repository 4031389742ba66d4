// Which package a launcher command fetches, and whether that resolves to a fixed version.
import type { PackageRef } from "./model.js";

const NPX_FLAGS_WITH_VALUE = new Set(["-p", "--package", "-c", "--call", "--registry", "--cache", "--userconfig"]);
const UVX_FLAGS_WITH_VALUE = new Set(["--from", "--with", "--python", "-p", "--index", "--index-url", "--extra-index-url", "--directory"]);

function base(cmd: string): string {
  return cmd.replace(/\\/g, "/").split("/").pop()!.replace(/\.(cmd|exe)$/i, "");
}

/** First positional argument after the launcher's own flags. */
function firstPositional(args: string[], withValue: Set<string>): { value?: string; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return { value: args[i + 1], flags };
    if (a.startsWith("-")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
      else if (withValue.has(a)) flags.set(a, args[++i] ?? "");
      else flags.set(a, "");
      continue;
    }
    return { value: a, flags };
  }
  return { flags };
}

/** `@scope/name@1.2.3` → name and version. */
function splitNpm(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf("@");
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  return { name: spec };
}

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const GIT_SHA = /^[0-9a-f]{40}$/i;

function npmRef(runner: string, spec: string): PackageRef {
  if (/^(git\+|https?:|github:)/.test(spec)) return gitRef(runner, spec);
  const { name, version } = splitNpm(spec);
  return { runner, name, ...(version ? { version } : {}), pinned: !!version && EXACT_SEMVER.test(version) };
}

function gitRef(runner: string, spec: string): PackageRef {
  const hash = spec.split("#")[1];
  const at = /@([0-9a-f]{40})$/i.exec(spec.split("#")[0]!)?.[1];
  const commit = hash ?? at;
  const name = spec.split("#")[0]!.replace(/@[0-9a-f]{40}$/i, "");
  return { runner, name, ...(commit ? { version: commit } : {}), pinned: !!commit && GIT_SHA.test(commit) };
}

function pypiRef(runner: string, spec: string): PackageRef {
  if (/^git\+|^https?:/.test(spec)) return gitRef(runner, spec);
  // The version only follows an operator; without one the whole spec is the name.
  const m = /^([A-Za-z0-9_.\-[\]]+?)\s*(?:(==|@|>=|~=|<=|>|<)\s*([^\s;]*))?$/.exec(spec);
  const name = m?.[1] ?? spec;
  const op = m?.[2];
  const version = m?.[3] || undefined;
  return { runner, name, ...(version ? { version } : {}), pinned: (op === "==" || op === "@") && !!version && version !== "latest" };
}

function dockerRef(args: string[]): PackageRef | undefined {
  const runAt = args.indexOf("run");
  if (runAt < 0) return undefined;
  const withValue = new Set(["-e", "--env", "-v", "--volume", "--name", "-p", "--publish", "--network", "--env-file", "-w", "--workdir", "--entrypoint", "-u", "--user", "--mount", "--platform"]);
  const image = firstPositional(args.slice(runAt + 1), withValue).value;
  if (!image) return undefined;
  const digest = image.includes("@sha256:");
  const tag = /:([^/:@]+)$/.exec(image.split("@")[0]!)?.[1];
  const name = image.split("@")[0]!.replace(/:[^/:]+$/, "");
  // A moving tag (latest, main) can change under an approval; only a digest is truly fixed.
  const version = digest ? image.split("@")[1] : tag;
  return { runner: "docker", name, ...(version ? { version } : {}), pinned: digest || (!!tag && !/^(latest|main|master|edge|nightly|dev)$/.test(tag)) };
}

/** The package an MCP command line fetches at launch, if it is a package launcher. */
export function detectPackage(command: string | undefined, args: string[] = []): PackageRef | undefined {
  if (!command) return undefined;
  // `command: "npx -y pkg"` written as one string.
  let cmd = base(command);
  let rest = args;
  if (/\s/.test(command.trim()) && args.length === 0) {
    const parts = command.trim().split(/\s+/);
    cmd = base(parts[0]!);
    rest = parts.slice(1);
  }
  switch (cmd) {
    case "npx":
    case "bunx": {
      const { value, flags } = firstPositional(rest, NPX_FLAGS_WITH_VALUE);
      const spec = flags.get("-p") || flags.get("--package") || value;
      return spec ? npmRef(cmd, spec) : undefined;
    }
    case "bun":
    case "pnpm":
    case "yarn": {
      if (rest[0] !== "dlx" && rest[0] !== "x") return undefined;
      const { value, flags } = firstPositional(rest.slice(1), NPX_FLAGS_WITH_VALUE);
      const spec = flags.get("-p") || flags.get("--package") || value;
      return spec ? npmRef(`${cmd}-dlx`, spec) : undefined;
    }
    case "npm": {
      if (rest[0] !== "exec" && rest[0] !== "x") return undefined;
      const { value, flags } = firstPositional(rest.slice(1), NPX_FLAGS_WITH_VALUE);
      const spec = flags.get("-p") || flags.get("--package") || value;
      return spec ? npmRef("npm-exec", spec) : undefined;
    }
    case "uvx":
    case "pipx": {
      const list = cmd === "pipx" && rest[0] === "run" ? rest.slice(1) : rest;
      const { value, flags } = firstPositional(list, UVX_FLAGS_WITH_VALUE);
      const spec = flags.get("--from") || flags.get("--spec") || value;
      return spec ? pypiRef(cmd, spec) : undefined;
    }
    case "uv": {
      if (rest[0] !== "tool" || rest[1] !== "run") return undefined;
      const { value, flags } = firstPositional(rest.slice(2), UVX_FLAGS_WITH_VALUE);
      const spec = flags.get("--from") || value;
      return spec ? pypiRef("uvx", spec) : undefined;
    }
    case "docker":
    case "podman":
      return dockerRef(rest);
    case "go": {
      if (rest[0] !== "run") return undefined;
      const spec = firstPositional(rest.slice(1), new Set()).value;
      if (!spec || spec.startsWith(".")) return undefined;
      const [name, version] = spec.split("@");
      return { runner: "go-run", name: name!, ...(version ? { version } : {}), pinned: !!version && version !== "latest" };
    }
    default:
      return undefined;
  }
}
