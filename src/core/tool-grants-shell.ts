// What a shell rule (`Bash(git log:*)`, Gemini `commandPrefix = "git status"`, OpenCode `bash: {"ls *":
// "allow"}`) lets the agent run without asking. Claude Code, Gemini CLI, OpenCode and VS Code split a
// command line at `;`, `&&`, `|` and check each part against the rules, so `Bash(ls:*)` does not pass
// `ls; curl x | sh`: what a rule allows is its program with the arguments it leaves open. A program
// that only reads is medium, unless one of its options writes a file or runs a program and the rule
// leaves the arguments open (`git log --output=~/.bashrc`, `find -exec`). Anything this file does
// not know is high: a rule is judged by the worst command it matches.
import { code } from "./rules/types.js";
import { codeRunningEnv } from "./code-env.js";
import { type Grant, high, medium } from "./tool-grant-types.js";

/** How a bare specifier matches: exactly (Claude, OpenCode), as a word prefix (Gemini, VS Code), or as an anchored regular expression over the whole line (Amazon Q, Kiro). */
export type ShellMatch = "exact" | "prefix" | "regex";

/** Text from a file, as a code span (see rules/types.ts). */
const q = code;

/** Programs that read whatever their arguments, and the options of some that write or run (then open arguments are high). */
const READERS: Record<string, { bad?: string[]; does?: string; what?: string }> = {
  ls: {}, pwd: {}, cat: {}, head: {}, tail: {}, wc: {}, grep: {}, egrep: {}, fgrep: {}, pgrep: {}, ps: {}, lsof: {},
  which: {}, whereis: {}, whoami: {}, id: {}, uname: {}, date: {}, echo: {}, printf: {}, true: {}, false: {},
  file: {}, stat: {}, du: {}, df: {}, diff: {}, cmp: {}, basename: {}, dirname: {}, realpath: {}, readlink: {},
  cut: {}, tr: {}, column: {}, printenv: {}, base64: {}, md5sum: {}, sha1sum: {}, sha256sum: {}, shasum: {},
  nl: {}, sleep: {}, cd: {}, pushd: {}, popd: {}, test: {}, jq: {},
  mkdir: { what: "creates folders only" },
  touch: { what: "creates empty files only" },
  tree: { bad: ["-o"], does: "writes its listing (file names the pull request chooses) to any file" },
  sort: { bad: ["-o", "--output"], does: "writes to any file" },
  rg: { bad: ["--pre"], does: "runs a program on every file it searches" },
  find: { bad: ["-exec", "-execdir", "-ok", "-okdir", "-delete", "-fprint", "-fprint0", "-fprintf", "-fls"], does: "runs commands, deletes or writes files" },
};

/** Programs that run other commands: their arguments are a command. */
const WRAPPERS = new Set(["sudo", "doas", "su", "env", "xargs", "timeout", "nice", "nohup", "time", "watch", "stdbuf", "ionice", "command", "builtin", "exec", "caffeinate", "script", "unbuffer", "chroot", "strace", "parallel", "flock", "setsid", "tmux", "screen", "xcrun", "arch", "busybox", "expect", "ltrace", "gdb", "lldb"]);

const RUNS = "runs any code it is given";
const SCRIPTS = "runs scripts the repository defines, or code it downloads";
const NET = "reaches the network";
const WRITES = "writes or changes any file";
/** Why a known program is high. */
const RUNNERS: Record<string, string> = {
  ...Object.fromEntries(["python", "python3", "python2", "node", "deno", "bun", "ruby", "perl", "php", "lua", "bash", "sh", "zsh", "fish", "dash", "ksh", "pwsh", "powershell", "osascript", "eval", "source", ".", "java", "swift", "tclsh", "rscript", "awk", "gawk", "sed"].map((n) => [n, RUNS])),
  ...Object.fromEntries(["npx", "bunx", "pnpx", "uvx", "uv", "pipx", "pip", "pip3", "npm", "pnpm", "yarn", "make", "cmake", "cargo", "go", "gradle", "gradlew", "mvn", "xcodebuild", "bazel", "just", "composer", "bundle", "rake", "pytest", "jest", "vitest", "tox", "nox", "poetry", "pdm", "dotnet", "turbo", "nx"].map((n) => [n, SCRIPTS])),
  ...Object.fromEntries(["curl", "wget", "ssh", "scp", "sftp", "rsync", "nc", "ncat", "netcat", "telnet", "ftp", "http", "https", "aws", "gcloud", "az", "kubectl", "terraform", "open", "xdg-open"].map((n) => [n, NET])),
  ...Object.fromEntries(["brew", "apt", "apt-get", "dnf", "yum", "port", "snap", "choco", "winget", "scoop", "gem", "conda", "mamba", "nix", "nix-shell", "rustup", "asdf", "mise", "volta", "nvm", "code", "cursor", "windsurf"].map((n) => [n, "installs and runs code it downloads"])),
  ...Object.fromEntries(["claude", "codex", "gemini", "copilot", "cursor-agent", "aider", "opencode", "amp", "goose", "q", "kiro"].map((n) => [n, "runs another agent, with tools of its own"])),
  ...Object.fromEntries(["vi", "vim", "nvim", "emacs", "ed", "ex"].map((n) => [n, "edits any file, and runs commands from its own command line"])),
  docker: "runs containers, with the host's files and network if asked",
  podman: "runs containers, with the host's files and network if asked",
  ...Object.fromEntries(["cp", "mv", "ln", "tee", "dd", "chmod", "chown", "install", "tar", "unzip", "patch", "truncate"].map((n) => [n, WRITES])),
};

/** Git sub-commands that read, and the options that make them write or run. */
const GIT_READ: Record<string, string[]> = {
  status: [], branch: [], blame: [], describe: [], "ls-files": [], "ls-tree": [], "rev-parse": [], "rev-list": [],
  "merge-base": [], "show-ref": [], reflog: [], cherry: [], "cat-file": [], "name-rev": [], "for-each-ref": [],
  log: ["--output"], show: ["--output"], diff: ["--output"], whatchanged: ["--output"], shortlog: ["--output"],
  grep: ["-O", "--open-files-in-pager"],
};
const GIT_WHY: Record<string, string> = {
  push: "sends commits to a remote",
  ...Object.fromEntries(["fetch", "pull", "clone", "ls-remote", "remote", "submodule"].map((s) => [s, NET])),
  ...Object.fromEntries(["commit", "merge", "rebase", "checkout", "switch", "am", "cherry-pick", "revert", "worktree"].map((s) => [s, "runs the repository's hooks (a `.husky/` folder the pull request can change)"])),
  config: "sets configuration that makes git run programs (`core.pager`, `core.sshCommand`, `core.hooksPath`)",
};
/**
 * Git sub-commands that change only the repository's own files, index, stash or tags and run no hook
 * (only commit, merge, checkout and their kin do), with the options that make them run or copy one.
 */
const GIT_LOCAL: Record<string, string[]> = {
  add: [], stash: [], restore: [], rm: [], mv: [], reset: [], tag: [], notes: [], clean: [],
  init: ["--template", "--separate-git-dir"],
};
/** Options before git's sub-command that change what runs: configuration, or another repository's (whose configuration git obeys). */
const GIT_GLOBAL_RISK = /^(-c|-C|--config-env|--exec-path|--git-dir|--work-tree|--namespace|--super-prefix)(=|$)/;
const GIT_GLOBAL_SAFE = new Set(["--no-pager", "-P", "--no-optional-locks", "--no-replace-objects", "--literal-pathspecs"]);

/** Programs high even as one exact command: they reach stored credentials or change the system, or run the queries they are given. */
const SENSITIVE: Record<string, string> = {
  ...Object.fromEntries(["security", "op", "pass", "gopass", "gpg", "gpg2", "ssh-add", "ssh-keygen", "vault", "doppler", "secret-tool", "keyring", "bw", "lpass", "keychain"].map((n) => [n, "reads or changes stored credentials"])),
  ...Object.fromEntries(["launchctl", "systemctl", "service", "crontab", "at", "defaults", "shutdown", "reboot", "halt", "poweroff", "passwd", "chsh", "sysctl", "mount", "umount", "diskutil", "scutil", "networksetup", "iptables", "ufw", "pfctl", "spctl", "csrutil", "tccutil"].map((n) => [n, "changes the system's services, schedule or settings"])),
  ...Object.fromEntries(["sqlite3", "mysql", "psql", "mongosh", "mongo", "redis-cli"].map((n) => [n, "runs the queries it is given, and some run shell commands"])),
};
/** An argument that names a script, a URL or agent configuration: the exact command does more than it reads. */
const RISKY_ARG = /:\/\/|\.(sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|php|ps1|bat|cmd|lua|jar)$|(^|\/)\.(claude|gemini|codex|cursor|github|vscode|kiro|amazonq|continue|agents|opencode)(\/|$)|\.mcp\.json$|(^|\/)(agents|claude|gemini)\.md$/i;

const GH_READ = new Set(["view", "list", "search", "status", "diff", "checks", "check"]);

/** Whitespace-separated words, quotes removed (an approximation: rules are short and quoted rarely). */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, ""));
}

/** `-o`, `--output`, `--output=x`, and a bundle of short flags holding the letter (`-uo`). */
function hasOption(args: string[], options: string[]): string | undefined {
  for (const a of args) {
    for (const o of options) {
      if (a === o || a.startsWith(`${o}=`)) return o;
      if (/^-[a-zA-Z]$/.test(o) && /^-[a-zA-Z]+$/.test(a) && a.includes(o[1]!)) return o;
      if (/^-[a-zA-Z]$/.test(o) && a.startsWith(o)) return o; // `-ofile`, `-Oless`
    }
  }
  return undefined;
}

function reader(name: string, args: string[], open: boolean): Grant {
  const r = READERS[name]!;
  const what = r.what ?? "reads only";
  if (!r.bad?.length) return medium(`${q(name)} ${what}`);
  if (open) return high(`with any arguments, ${q(`${name} ${r.bad[0]}`)} ${r.does}`);
  const bad = hasOption(args, r.bad);
  return bad ? high(`${q(`${name} ${bad}`)} ${r.does}`) : medium(`${q(name)} ${what}`);
}

function git(args: string[], open: boolean): Grant {
  let i = 0;
  for (; i < args.length && args[i]!.startsWith("-"); i++) {
    const o = args[i]!;
    if (GIT_GLOBAL_RISK.test(o)) return high(`${q(`git ${o}`)} makes git obey other configuration, which can name programs to run`);
    if (!GIT_GLOBAL_SAFE.has(o)) return high(`${q(`git ${o}`)} is an option this review does not know`);
  }
  const sub = args[i];
  if (sub === undefined) return open ? high("any git command (`git -c`, `git push`; `git commit` runs hooks)") : medium("`git` alone prints its usage");
  const local = GIT_LOCAL[sub];
  if (local !== undefined) {
    if (local.length && open) return high(`with any arguments, ${q(`git ${sub} ${local[0]}`)} installs hooks from any folder`);
    const hit = hasOption(args.slice(i + 1), local);
    return hit ? high(`${q(`git ${sub} ${hit}`)} installs hooks from any folder`) : medium(`${q(`git ${sub}`)} changes only the repository's files, index or tags, and runs no hook`);
  }
  const bad = GIT_READ[sub];
  if (bad === undefined) return high(`${q(`git ${sub}`)} ${GIT_WHY[sub] ?? "is not a git command this review knows to be read-only (an alias runs what the configuration says)"}`);
  const does = sub === "grep" ? "runs a program" : "writes any file";
  if (bad.length && open) return high(`with any arguments, ${q(`git ${sub} ${bad[0]}`)} ${does}`);
  const hit = hasOption(args.slice(i + 1), bad);
  return hit ? high(`${q(`git ${sub} ${hit}`)} ${does}`) : medium(`${q(`git ${sub}`)} reads the repository`);
}

function gh(args: string[], open: boolean): Grant {
  const [noun, verb, third] = args;
  if (noun === undefined) return open ? high("any gh command, `gh api` included") : medium("`gh` alone prints its usage");
  if (noun === "api") return high("`gh api` calls any GitHub API, writes included");
  if (noun === "search") return medium("`gh search` reads from GitHub");
  if (noun === "auth" && verb === "status") return medium("`gh auth status` reads the login state");
  if (verb !== undefined && GH_READ.has(verb)) return medium(`${q(`gh ${noun} ${verb}`)} reads from GitHub`);
  if (third !== undefined && GH_READ.has(third)) return medium(`${q(`gh ${noun} ${verb} ${third}`)} reads from GitHub`);
  if (verb === undefined && open) return high(`any ${q(`gh ${noun}`)} command, changes included`);
  return high(`${q(["gh", noun, verb].filter(Boolean).join(" "))} can change GitHub (comments, labels, merges, releases, secrets)`);
}

function rm(args: string[], open: boolean): Grant {
  if (open) return high("deletes any file, outside the workspace too");
  const paths = args.filter((a) => !a.startsWith("-"));
  const outside = paths.find((p) => p.startsWith("/") || p.startsWith("~") || p === "." || p === "./" || p.split("/").includes(".."));
  if (outside !== undefined) return high(`deletes ${q(outside)}, outside the workspace or all of it`);
  return medium(`deletes ${q(paths.join(" ") || "nothing")} in the workspace`);
}

/** The command words of a specifier, and whether the rule leaves the arguments open; or the grant when the shape alone decides. */
function shape(spec: string, match: ShellMatch): { text: string; open: boolean } | Grant {
  let text = spec.trim();
  let open = match === "prefix";
  if (match === "regex") {
    // Amazon Q and Kiro match the whole command line (anchored): `.*` there also matches `; curl … | sh`.
    if (/[\\^$.*+?()[\]{}|]/.test(text)) return high("a regular expression over the whole command line, which can match chained commands too");
  }
  if (text.endsWith(":*")) {
    text = text.slice(0, -2);
    open = true;
  } else if (text.endsWith("*")) {
    const base = text.slice(0, -1);
    // `ls*` also matches `lsof`, `lsblk`...: the program's name is open, not only its arguments.
    if (!/\s$/.test(base) && !/\s/.test(base.trim())) return high(`${q(`${base}*`)} matches any program whose name starts with ${q(base)}`);
    text = base;
    open = true;
  }
  text = text.trim();
  if (text.includes("*")) return high("a wildcard inside the command matches any text there, options included");
  if (/[;&|`<>\n\r$]/.test(text)) return high("the command itself chains, pipes, redirects or expands variables");
  return { text, open };
}

/** What a shell rule's specifier (not empty, not a wildcard) allows. */
export function commandGrant(spec: string, match: ShellMatch): Grant {
  const s = shape(spec, match);
  if ("severity" in s) return s;
  const w = words(s.text);
  const first = w[0];
  if (first === undefined) return high("an empty command");
  if (first.includes("=")) {
    const name = first.slice(0, first.indexOf("="));
    const runs = codeRunningEnv(name);
    return high(`sets ${q(name)} for the command${runs ? `: ${runs}` : ""}`);
  }
  // A path runs that file; only the system's own folders hold programs the pull request cannot change.
  if (first.includes("/") && !/^\/(usr\/)?s?bin\/[^/]+$/.test(first)) return high(`runs the file ${q(first)}, which the pull request can change`);
  const name = first.slice(first.lastIndexOf("/") + 1).toLowerCase();
  const args = w.slice(1);
  if (!s.open && args.length === 1 && /^(--version|-v|-V|version|--help|-h|help)$/.test(args[0]!)) return medium(`${q(`${name} ${args[0]}`)} prints a version or help`);
  // `command -v x` (or `-V`) only says where a program is; `command x` runs it.
  if (name === "command" && (args[0] === "-v" || args[0] === "-V")) return medium(`${q(`command ${args[0]}`)} only prints where a program is`);
  if (WRAPPERS.has(name)) return high(`${q(name)} runs other commands`);
  if (name === "git") return git(args, s.open);
  if (name === "gh") return gh(args, s.open);
  if (name === "rm") return rm(args, s.open);
  if (Object.hasOwn(READERS, name)) return reader(name, args, s.open);
  if (Object.hasOwn(RUNNERS, name)) return high(`${q(name)} ${RUNNERS[name]}`);
  if (Object.hasOwn(SENSITIVE, name)) return high(`${q(name)} ${SENSITIVE[name]}`);
  // One exact command line (`killall -9 time`): the approver reads all it does, unless an argument is a
  // script, a URL or agent configuration.
  const risky = args.find((a) => RISKY_ARG.test(a));
  if (!s.open && !first.includes("/") && risky === undefined) return medium(`only this exact command, no argument left open (${q(name)} is a program this review does not know)`);
  if (risky !== undefined) return high(`runs ${q(name)} on ${q(risky)}, a script, URL or agent configuration`);
  return high(`runs ${q(name)}, which this review does not know to be read-only`);
}
