// Environment variables that change where a launcher fetches a package from, or let someone in
// between swap it (npm_config_registry, UV_INDEX_URL, GOPROXY, DOCKER_HOST, HTTPS_PROXY plus a CA):
// set in an MCP server's env, the same `npx -y pkg` runs other code. Launchers' own settings; the
// variables that make any program run code are code-env.ts's.

/** Variable name (upper case) → what it decides. */
const PACKAGE_ENV: Readonly<Record<string, string>> = {
  NPM_CONFIG_REGISTRY: "the registry npm, npx and pnpm fetch packages from",
  NPM_CONFIG_USERCONFIG: "the npm configuration file (registry, scripts)",
  NPM_CONFIG_GLOBALCONFIG: "the npm configuration file (registry, scripts)",
  NPM_CONFIG_CACHE: "the cache npx runs packages from",
  NPM_CONFIG_PREFIX: "where npm installs and finds packages",
  NPM_CONFIG_SCRIPT_SHELL: "the shell npm runs scripts with",
  NPM_CONFIG_NODE_OPTIONS: "options of the Node processes npm starts",
  NPM_CONFIG_IGNORE_SCRIPTS: "whether npm runs packages' install scripts",
  YARN_NPM_REGISTRY_SERVER: "the registry yarn fetches packages from",
  YARN_RC_FILENAME: "the yarn configuration file",
  BUN_CONFIG_REGISTRY: "the registry bun fetches packages from",
  PIP_INDEX_URL: "the index pip fetches packages from",
  PIP_EXTRA_INDEX_URL: "another index pip fetches packages from",
  PIP_FIND_LINKS: "where pip finds packages",
  PIP_CONFIG_FILE: "the pip configuration file (indexes)",
  UV_INDEX_URL: "the index uv fetches packages from",
  UV_DEFAULT_INDEX: "the index uv fetches packages from",
  UV_INDEX: "another index uv fetches packages from",
  UV_EXTRA_INDEX_URL: "another index uv fetches packages from",
  UV_FIND_LINKS: "where uv finds packages",
  UV_CONFIG_FILE: "the uv configuration file (indexes)",
  UV_PYTHON: "the Python interpreter uv runs",
  GOPROXY: "the proxy go fetches modules from",
  GOFLAGS: "flags of every go command",
  GOSUMDB: "the checksum database go verifies modules against",
  GONOSUMDB: "modules go does not verify",
  GONOSUMCHECK: "modules go does not verify",
  GOINSECURE: "modules go fetches without TLS",
  DOCKER_HOST: "the Docker daemon that runs the image",
  DOCKER_CONTEXT: "the Docker daemon that runs the image",
  CONTAINER_HOST: "the Podman service that runs the image",
  DENO_DIR: "the cache Deno runs remote modules from",
  NPM_CONFIG_STRICT_SSL: "whether npm checks the registry's TLS certificate",
  NODE_TLS_REJECT_UNAUTHORIZED: "whether Node checks TLS certificates",
  NODE_EXTRA_CA_CERTS: "certificate authorities Node trusts",
  REQUESTS_CA_BUNDLE: "certificate authorities Python trusts",
  SSL_CERT_FILE: "certificate authorities OpenSSL trusts",
  SSL_CERT_DIR: "certificate authorities OpenSSL trusts",
  HTTPS_PROXY: "a proxy every download passes through",
  HTTP_PROXY: "a proxy every download passes through",
  ALL_PROXY: "a proxy every download passes through",
};

/** What setting `name` decides about the code a launcher fetches, if anything (names compare without case). */
export function packageSourceEnv(name: string): string | undefined {
  const upper = name.trim().toUpperCase();
  if (Object.hasOwn(PACKAGE_ENV, upper)) return PACKAGE_ENV[upper];
  // `npm_config_@acme:registry`: a scope's registry.
  if (upper.startsWith("NPM_CONFIG_") && upper.endsWith(":REGISTRY")) return "the registry npm fetches a scope's packages from";
  return undefined;
}
