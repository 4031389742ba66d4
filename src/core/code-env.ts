// Environment variables that make a program run code it was not asked to run: a shell sources
// BASH_ENV, Node requires what NODE_OPTIONS names, the dynamic loader maps LD_PRELOAD into every
// process. Set in an agent's environment (Claude `env`, an MCP server's `env`, Codex's
// `shell_environment_policy.set`), each hands whoever wrote the value a foothold in every command the
// agent or the server starts. One list, used by every surface that reads an environment.

/** Variable name (upper case) → what it makes run. */
const CODE_RUNNING_ENV: Readonly<Record<string, string>> = {
  BASH_ENV: "a file every non-interactive bash sources",
  ENV: "a file every POSIX sh sources",
  ZDOTDIR: "the folder zsh reads its start-up files from",
  PROMPT_COMMAND: "a command bash runs before each prompt",
  SHELLOPTS: "bash options, xtrace among them",
  PS4: "text bash expands (and runs) while tracing",
  NODE_OPTIONS: "options of every Node process (`--require`, `--import`, `--loader`)",
  NODE_PATH: "where Node resolves modules",
  LD_PRELOAD: "a library mapped into every dynamically linked process",
  LD_LIBRARY_PATH: "where every process loads its libraries from",
  LD_AUDIT: "a library the dynamic loader runs in every process",
  DYLD_INSERT_LIBRARIES: "a library mapped into every macOS process",
  DYLD_LIBRARY_PATH: "where every macOS process loads its libraries from",
  PYTHONSTARTUP: "a file interactive Python runs",
  PYTHONPATH: "where Python imports modules from (a `sitecustomize` runs at start)",
  PYTHONHOME: "the Python installation every interpreter uses",
  PERL5OPT: "options (`-M` modules) of every Perl process",
  PERL5LIB: "where Perl loads modules from",
  RUBYOPT: "options (`-r` libraries) of every Ruby process",
  RUBYLIB: "where Ruby loads libraries from",
  JAVA_TOOL_OPTIONS: "options (`-javaagent`) of every JVM",
  _JAVA_OPTIONS: "options of every JVM",
  JDK_JAVA_OPTIONS: "options of every `java` launch",
  GIT_SSH_COMMAND: "the command git runs to reach a remote",
  GIT_SSH: "the program git runs to reach a remote",
  GIT_EXEC_PATH: "where git finds its sub-commands",
  GIT_CONFIG_GLOBAL: "the git configuration file (aliases, hooks, `core.fsmonitor`)",
  GIT_CONFIG_PARAMETERS: "git configuration (`core.sshCommand`, `core.hooksPath`)",
  GIT_ASKPASS: "the program git asks for credentials",
  SSH_ASKPASS: "the program ssh asks for credentials",
  EDITOR: "the program tools open to edit a file",
  VISUAL: "the program tools open to edit a file",
  PAGER: "the program output is piped through",
  GIT_PAGER: "the program git pipes output through",
  PATH: "where every command name is looked up",
};

/** `GIT_CONFIG_KEY_0` and the like: configuration git applies to every command. */
const NUMBERED = /^GIT_CONFIG_(?:KEY|VALUE)_\d{1,4}$/;

/** What setting `name` makes run, if it is one of the variables above (names compare without case). */
export function codeRunningEnv(name: string): string | undefined {
  const upper = name.trim().toUpperCase();
  if (Object.hasOwn(CODE_RUNNING_ENV, upper)) return CODE_RUNNING_ENV[upper];
  if (NUMBERED.test(upper)) return "git configuration applied to every git command";
  return undefined;
}
