// Which package a launcher command fetches, and whether that resolves to a fixed version: npx,
// bunx, pnpm/yarn dlx, npm exec, uvx, uv run --with, pipx run, docker/podman run, deno run, go run,
// gem exec, also behind `cmd /c`, `env` and `sh -c`. Flags between the runner and the package
// must not hide it: after a flag this file does not know, the next word may be the flag's value or
// the package, and both are judged (the first unpinned one is reported).
import type { PackageRef } from "./model.js";
import { denoRef, gemRef, goRef, imageRef, isLocalPath, npmRef, pypiRef } from "./package-specs.js";

interface Flags {
  /** Flags that take the next word as their value. */
  value: ReadonlySet<string>;
  /** Flags known to take none (others are judged both ways). */
  bool: ReadonlySet<string>;
  /** Single-letter boolean flags that may be clustered (`docker run -it`). */
  cluster?: string;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(" "));

const NPM: Flags = {
  value: set("-p --package -c --call --registry --cache --userconfig --prefix --loglevel --node-options --script-shell -w --workspace --before --tag"),
  bool: set("-y --yes --no -q --quiet -s --silent --force -f --prefer-offline --prefer-online --offline --legacy-peer-deps --no-install --ignore-existing --verbose -d --bun --no-audit --no-fund --no-update-notifier -ws --workspaces --include-workspace-root --shell-auto-fallback"),
};
const UV: Flags = {
  value: set("--from --with --with-editable --with-requirements -w --python -p --index --index-url --default-index --extra-index-url -i --find-links -f --directory --project --constraint --constraints -c --overrides --override --cache-dir --config-file --exclude-newer --index-strategy --keyring-provider --resolution --prerelease --link-mode --color --python-preference --refresh-package --reinstall-package --upgrade-package -P --env-file --package --extra --group --only-group --no-group --script --allow-insecure-host --build-constraint"),
  bool: set("-q --quiet -v --verbose -n --no-cache --offline --isolated --no-project --frozen --locked --no-sync --refresh --reinstall --upgrade -U --no-config --native-tls --no-progress --managed-python --no-managed-python --no-python-downloads --all-extras --no-dev --dev --exact --active --with-pip --no-env-file --compile-bytecode --no-build --no-binary --no-build-isolation --system-site-packages -m --module -s --gui-script"),
};
const PIPX: Flags = {
  value: set("--spec --python --index-url -i --pip-args --backend"),
  bool: set("--no-cache --pypackages --path --verbose -v --quiet -q --fetch-missing-python --editable -e"),
};
const DOCKER: Flags = {
  value: set(
    "--add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-count --cpu-percent --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --detach-keys --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-search --domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir --arch --os --secret --env-host --hooks-dir --pod --requires --tz --umask --userns-uid-map --uidmap --gidmap --subuidname --subgidname --log-level --cgroups --cgroup-conf --cpu-rt-runtime --image-volume --init-path --personality --preserve-fds --sdnotify --seccomp-policy --timeout",
  ),
  bool: set("-d --detach --disable-content-trust --init -i --interactive --no-healthcheck --oom-kill-disable --privileged -P --publish-all -q --quiet --read-only --rm --sig-proxy -t --tty --use-api-socket --replace --no-hosts --http-proxy --read-only-tmpfs"),
  cluster: "diPqt",
};
const DENO: Flags = {
  value: set("-c --config --import-map --lock --cert --location --seed --ext --log-level --preload --reload-from"),
  bool: set("-A --allow-all -q --quiet --no-prompt --no-remote --no-npm --no-config --no-lock --cached-only --watch --unstable -r --reload --no-check --frozen --check"),
  cluster: "Aqr",
};
const GO: Flags = {
  value: set("-C -exec -tags -ldflags -gcflags -asmflags -mod -modfile -overlay -p -pkgdir -toolexec -pgo -covermode -coverpkg -buildmode -compiler -gccgoflags -installsuffix"),
  bool: set("-a -n -race -msan -asan -v -work -x -cover -trimpath -linkshared -buildvcs"),
};
const GEM: Flags = {
  value: set("-v --version -g --gem --platform -s --source --bindir -i --install-dir --build-root --document"),
  bool: set("--conservative --prerelease --no-prerelease -V --verbose -q --quiet --no-document"),
};

interface FlagValue {
  flag: string;
  value: string;
  /** Index of the word holding the value, and what precedes the value in it (`--package=`). */
  at: number;
  prefix: string;
}

interface Scan {
  /** Words that may be the first positional: ambiguous ones after unknown flags, then the sure one. */
  candidates: number[];
  values: FlagValue[];
}

/** The launcher's own flags and the words that may be its first positional argument. */
function scan(args: readonly string[], f: Flags): Scan {
  const candidates: number[] = [];
  const values: FlagValue[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      if (i + 1 < args.length) candidates.push(i + 1);
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      candidates.push(i);
      break;
    }
    const eq = a.indexOf("=");
    if (eq > 0) values.push({ flag: a.slice(0, eq), value: a.slice(eq + 1), at: i, prefix: a.slice(0, eq + 1) });
    else if (f.value.has(a)) {
      if (i + 1 < args.length) values.push({ flag: a, value: args[i + 1]!, at: i + 1, prefix: "" });
      i++;
    } else if (!a.startsWith("--") && a.length > 2 && f.value.has(a.slice(0, 2))) {
      values.push({ flag: a.slice(0, 2), value: a.slice(2), at: i, prefix: a.slice(0, 2) }); // -p8080:80
    } else if (!f.bool.has(a) && !(f.cluster && /^-[A-Za-z]+$/.test(a) && [...a.slice(1)].every((c) => f.cluster!.includes(c)))) {
      // Unknown: the next word is its value or the positional. Judge it, and go on as if a value.
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith("-")) {
        candidates.push(i + 1);
        i++;
      }
    }
  }
  return { candidates, values };
}

/** A package argument: which word holds it, and what precedes it there. */
interface Spec {
  ref: PackageRef;
  at: number;
  prefix: string;
}

const fromValues = (s: Scan, flags: string[], ref: (v: string) => PackageRef | undefined): Spec[] =>
  s.values.filter((v) => flags.includes(v.flag) && v.value).flatMap((v) => {
    const r = ref(v.value);
    return r ? [{ ref: r, at: v.at, prefix: v.prefix }] : [];
  });
const fromCandidates = (s: Scan, args: readonly string[], ref: (v: string) => PackageRef | undefined): Spec[] =>
  s.candidates.flatMap((at) => {
    const r = isLocalPath(args[at]!) ? undefined : ref(args[at]!);
    return r ? [{ ref: r, at, prefix: "" }] : [];
  });

/** npx-like: `-p` names the packages (the positional is then a command), else the positional is one. */
function npmSpecs(runner: string, args: readonly string[]): Spec[] {
  const s = scan(args, NPM);
  const ref = (v: string) => npmRef(runner, v);
  const named = fromValues(s, ["-p", "--package"], ref);
  return named.length ? named : s.values.some((v) => v.flag === "-c" || v.flag === "--call") ? [] : fromCandidates(s, args, ref);
}

/** uvx / uv tool run: `--from` names the package (the positional is a command); `--with` adds more. */
function uvxSpecs(runner: string, args: readonly string[]): Spec[] {
  const s = scan(args, UV);
  const ref = (v: string) => pypiRef(runner, v);
  const from = fromValues(s, ["--from"], ref);
  return [...(from.length ? from : fromCandidates(s, args, ref)), ...fromValues(s, ["--with", "-w"], ref)];
}

/** Word after leading flags (`pnpm --silent dlx`, `docker --context x run`), with its index. */
function subcommand(args: readonly string[], valueFlags: ReadonlySet<string> = new Set()): number {
  for (let i = 0; i < args.length; i++) {
    if (!args[i]!.startsWith("-")) return i;
    if (valueFlags.has(args[i]!)) i++;
  }
  return -1;
}

const offset = (specs: Spec[], by: number): Spec[] => specs.map((s) => ({ ...s, at: s.at + by }));

/** Package arguments of a launcher command line (`rest`: the arguments after the launcher). */
function launcherSpecs(cmd: string, rest: readonly string[]): Spec[] | undefined {
  const sub = subcommand(rest, set("-C --dir --cwd --filter -F -H --host --context --config -c --log-level -l"));
  const word = sub >= 0 ? rest[sub] : undefined;
  const after = (n: number) => rest.slice(n);
  switch (cmd) {
    case "npx":
    case "bunx":
    case "pnpx":
      return npmSpecs(cmd === "pnpx" ? "pnpm-dlx" : cmd, rest);
    case "bun":
    case "pnpm":
    case "yarn":
      return word === "dlx" || word === "x" ? offset(npmSpecs(`${cmd}-dlx`, after(sub + 1)), sub + 1) : undefined;
    case "npm":
      return word === "exec" || word === "x" ? offset(npmSpecs("npm-exec", after(sub + 1)), sub + 1) : undefined;
    case "uvx":
      return uvxSpecs("uvx", rest);
    case "uv": {
      if (word === "tool" && rest[sub + 1] === "run") return offset(uvxSpecs("uvx", after(sub + 2)), sub + 2);
      if (word !== "run") return undefined;
      // `uv run` runs a local command or script; only `--with` fetches packages.
      const s = scan(after(sub + 1), UV);
      return offset(fromValues(s, ["--with", "-w"], (v) => pypiRef("uv-run", v)), sub + 1);
    }
    case "pipx": {
      if (word !== "run") return undefined;
      const list = after(sub + 1);
      const s = scan(list, PIPX);
      const ref = (v: string) => pypiRef("pipx", v);
      const spec = fromValues(s, ["--spec"], ref);
      return offset(spec.length ? spec : fromCandidates(s, list, ref), sub + 1);
    }
    case "docker":
    case "podman": {
      const run = word === "container" && rest[sub + 1] === "run" ? sub + 2 : word === "run" ? sub + 1 : -1;
      if (run < 0) return undefined;
      const list = after(run);
      return offset(fromCandidates(scan(list, DOCKER), list, (v) => imageRef("docker", v)), run);
    }
    case "deno": {
      if (word !== "run" && word !== "x") return undefined;
      const list = after(sub + 1);
      return offset(fromCandidates(scan(list, DENO), list, denoRef), sub + 1);
    }
    case "go": {
      if (word !== "run") return undefined;
      const list = after(sub + 1);
      return offset(fromCandidates(scan(list, GO), list, goRef), sub + 1);
    }
    case "gem": {
      if (word !== "exec") return undefined;
      const list = after(sub + 1);
      const s = scan(list, GEM);
      const version = s.values.find((v) => v.flag === "-v" || v.flag === "--version")?.value;
      const gem = fromValues(s, ["-g", "--gem"], (v) => gemRef(v, version));
      return offset(gem.length ? gem : fromCandidates(s, list, (v) => gemRef(v.split(":")[0]!, version ?? v.split(":")[1])), sub + 1);
    }
    default:
      return undefined;
  }
}

function base(cmd: string): string {
  return cmd.replace(/\\/g, "/").split("/").pop()!.replace(/\.(cmd|exe|bat|ps1)$/i, "").toLowerCase();
}

const SHELLS = set("sh bash zsh dash ash ksh fish pwsh powershell");
const SEPARATORS = set("&& || ; | &");
/** Words that run the command after them (`exec npx …`). */
const PREFIXES = set("exec nohup command time");

/** A word without the quotes around it. */
function unquote(w: string): string {
  let from = 0;
  let to = w.length;
  while (from < to && (w[from] === '"' || w[from] === "'")) from++;
  while (to > from && (w[to - 1] === '"' || w[to - 1] === "'")) to--;
  return w.slice(from, to);
}

/** The launcher a wrapper runs: `cmd /c npx …`, `env A=1 uvx …`, `sh -c "… npx …"`. */
function unwrap(cmd: string, rest: readonly string[]): { cmd: string; rest: string[] }[] {
  if (cmd === "cmd") {
    const at = rest.findIndex((a) => /^\/[ck]$/i.test(a));
    return at >= 0 && rest[at + 1] ? [{ cmd: rest[at + 1]!, rest: rest.slice(at + 2) }] : [];
  }
  if (cmd === "env") {
    let i = 0;
    while (i < rest.length && (rest[i]!.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i]!))) i += rest[i] === "-u" ? 2 : 1;
    return rest[i] ? [{ cmd: rest[i]!, rest: rest.slice(i + 1) }] : [];
  }
  if (!SHELLS.has(cmd)) return [];
  const at = rest.findIndex((a) => /^-[a-z]*c$/i.test(a) || /^-command$/i.test(a));
  const script = at >= 0 ? rest[at + 1] : undefined;
  if (!script) return [];
  // Each simple command of the script: words split on spaces, quotes dropped, `A=1` prefixes skipped.
  const words = script.slice(0, 4096).replace(/\$\([^()]{0,512}\)|`[^`]{0,512}`/g, "_").replace(/[;&|]+/g, " $& ").split(/\s+/).map(unquote).filter(Boolean);
  const out: { cmd: string; rest: string[] }[] = [];
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !SEPARATORS.has(words[i]!)) continue;
    let j = start;
    while (j < i && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[j]!) || PREFIXES.has(words[j]!))) j++;
    if (j < i) out.push({ cmd: words[j]!, rest: words.slice(j + 1, i) });
    start = i + 1;
  }
  return out;
}

/** Every package argument of a command line, through wrappers (two levels deep). */
function specsOf(command: string, args: readonly string[], depth = 0): { specs: Spec[]; wrapped: boolean } {
  const cmd = base(command);
  const direct = launcherSpecs(cmd, args);
  if (direct) return { specs: direct, wrapped: false };
  if (depth >= 2) return { specs: [], wrapped: true };
  const specs = unwrap(cmd, args).flatMap((w) => specsOf(w.cmd, w.rest, depth + 1).specs);
  return { specs, wrapped: true };
}

/** `command: "npx -y pkg"` written as one string, with no args. */
function split(command: string, args: readonly string[]): { command: string; args: readonly string[] } {
  if (/\s/.test(command.trim()) && args.length === 0) {
    const parts = command.trim().split(/\s+/);
    return { command: parts[0]!, args: parts.slice(1) };
  }
  return { command, args };
}

/** The package an MCP command line fetches at launch, if it is a package launcher: the first unpinned one. */
export function detectPackage(command: string | undefined, args: readonly string[] = []): PackageRef | undefined {
  if (!command) return undefined;
  const line = split(command, args);
  const { specs } = specsOf(line.command, line.args);
  return (specs.find((s) => !s.ref.pinned) ?? specs[specs.length - 1])?.ref;
}

/**
 * The command line with each unpinned package argument written without its version (`pkg@latest`,
 * `pkg`, `pkg@^1.2` all become `pkg`): two launches equal here fetch the same floating package.
 * `name` limits this to one package's arguments, pinned ones too. Undefined for a wrapped launcher
 * (`sh -c …`), whose script is compared as written.
 */
export function floatingLaunch(command: string | undefined, args: readonly string[] = [], name?: string): string[] | undefined {
  if (!command) return undefined;
  const line = split(command, args);
  const { specs, wrapped } = specsOf(line.command, line.args);
  if (wrapped) return undefined;
  const words = [...line.args];
  // With `name`: that package's arguments only, pinned or not (a base that floated trusted every release).
  for (const s of specs) if (name === undefined ? !s.ref.pinned : s.ref.name === name) words[s.at] = `${s.prefix}${s.ref.runner}:${s.ref.name}`;
  return [line.command, ...words];
}
