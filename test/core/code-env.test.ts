// The one list of environment variables that make programs run code (code-env.ts).
import { codeRunningEnv } from "../../src/core/code-env.js";

test("names the variables that make a shell, a runtime or git run code, whatever their case", () => {
  for (const name of ["BASH_ENV", "node_options", " LD_PRELOAD ", "PYTHONSTARTUP", "GIT_SSH_COMMAND", "GIT_CONFIG_KEY_0", "DYLD_INSERT_LIBRARIES", "PATH"]) {
    expect(codeRunningEnv(name)).toEqual(expect.any(String));
  }
  expect(codeRunningEnv("NODE_OPTIONS")).toContain("--require");
});

test("leaves ordinary variables, and names that only contain a listed one, alone", () => {
  for (const name of ["GITHUB_TOKEN", "NODE_ENV", "LOG_LEVEL", "MY_PATH", "PATHS", "BASH_ENVIRONMENT", "GIT_CONFIG_KEY_X", "constructor", "__proto__", "toString", ""]) {
    expect(codeRunningEnv(name)).toBeUndefined();
  }
});
