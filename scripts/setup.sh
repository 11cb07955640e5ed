#!/usr/bin/env bash
# Installs everything Plazo needs to run and test, offline-friendly, idempotent:
#   1. npm dependencies (when the lockfile changed)
#   2. the Temporal CLI (dev server) from its Go module, pinned
#   3. Temporal's time-skipping test server from Maven Central, pinned, wrapped in a script that execs java
#   4. Debian's chromium (apt-get), which the browser tests drive through playwright-core; never a downloaded browser
#   5. schemathesis from PyPI (pinned, in its own venv), the OpenAPI fuzzer test/openApiFuzz.e2e.test.ts runs
#   6. the real Temporal server and its SQL tool from their Go module, pinned (production shape, `make prod-local`),
#      and the next minor's newest patch beside it, the upgrade's target (docs/production.md, "Upgrading")
#   7. the certificates of its mTLS (a local CA, the server's, Plazo's client certificate), made with openssl
#   8. promtool, Prometheus' rule checker, from its Go module, pinned (ops/prometheus/alerts.test.ts)
# Binaries are cached per user (PLAZO_CACHE_DIR, default ~/.cache/plazo) and linked into .tools/bin,
# so a fresh clone on the same machine reuses them. Without go/java but with internet, the Temporal SDK
# downloads its own servers instead (see test/temporalServers.ts).
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1"        # later tags carry a replace directive that `go install` refuses
TEST_SERVER_VERSION="1.32.1"         # io.temporal:temporal-test-server, must match scripts/test-server/pom.xml
SCHEMATHESIS_VERSION="4.32.5"        # PyPI; the venv is linked as .tools/bin/schemathesis

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PLAZO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/plazo}"
tools="${PLAZO_TOOLS_DIR:-$root/.tools}"
probe_url="${PLAZO_DOWNLOAD_PROBE_URL:-https://temporal.download}"

say() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
has() { command -v "$1" >/dev/null 2>&1; }
online() { has curl && curl -fsS -m 5 -o /dev/null "$probe_url" 2>/dev/null; }

mkdir -p "$tools/bin" "$cache"

# --- 1. npm dependencies ---------------------------------------------------------------------------
has node || fail "node is not installed (Node 20 or later is required)."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node $node_major found; Node 20 or later is required."
if [ "${PLAZO_SKIP_NPM:-}" = "1" ]; then
  say "npm: skipped (PLAZO_SKIP_NPM=1)"
elif [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  # `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages out of a lockfile
  # written without registry URLs, and `npm ci` then refuses it. The lockfile still pins every version.
  say "npm: installing dependencies (npm install, versions from package-lock.json)"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error) || fail "npm install failed: is the npm registry reachable?"
else
  say "npm: dependencies up to date"
fi

# --- 2. Temporal CLI (dev server) ------------------------------------------------------------------
cli_cached="$cache/temporal-cli-$TEMPORAL_CLI_VERSION/temporal"
if [ -x "$cli_cached" ]; then
  say "temporal CLI $TEMPORAL_CLI_VERSION: cached at $cli_cached"
elif has go; then
  say "temporal CLI $TEMPORAL_CLI_VERSION: building from the Go module (first time only, a few minutes)"
  mkdir -p "$(dirname "$cli_cached")"
  GOBIN="$(dirname "$cli_cached")" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
    || fail "go install github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION failed: is the Go module proxy reachable (GOPROXY=$(go env GOPROXY))?"
elif online; then
  say "temporal CLI: no 'go' on PATH; the Temporal SDK will download the dev server itself"
else
  fail "cannot install the Temporal CLI: 'go' is not on PATH and $probe_url is unreachable. Install Go 1.22+ (https://go.dev/dl, or apt-get install golang) and run this script again."
fi
[ -x "$cli_cached" ] && ln -sf "$cli_cached" "$tools/bin/temporal"

# --- 3. Time-skipping test server ------------------------------------------------------------------
ts_dir="$cache/temporal-test-server-$TEST_SERVER_VERSION"
if [ -f "$ts_dir/.complete" ]; then
  say "temporal test server $TEST_SERVER_VERSION: cached at $ts_dir"
elif has java && has mvn; then
  say "temporal test server $TEST_SERVER_VERSION: resolving io.temporal:temporal-test-server from Maven Central"
  rm -rf "$ts_dir" && mkdir -p "$ts_dir/lib"
  mvn -q -B -Dstyle.color=never -f "$root/scripts/test-server/pom.xml" dependency:copy-dependencies -DoutputDirectory="$ts_dir/lib" \
    || fail "mvn could not resolve io.temporal:temporal-test-server:$TEST_SERVER_VERSION: is Maven Central reachable?"
  touch "$ts_dir/.complete"
elif online; then
  say "temporal test server: no java/mvn on PATH; the Temporal SDK will download the test server itself"
else
  missing=""; has java || missing="java"; has mvn || missing="${missing:+$missing and }mvn"
  fail "cannot install the Temporal test server: '$missing' not on PATH and $probe_url is unreachable. Install a JDK 11+ and Maven (apt-get install openjdk-17-jdk-headless maven) and run this script again."
fi
if [ -f "$ts_dir/.complete" ]; then
  # The SDK starts the server as `<path> <port> --enable-time-skipping`; the wrapper hands that to java.
  cat > "$tools/bin/temporal-test-server" <<WRAP
#!/usr/bin/env bash
exec java -cp "$ts_dir/lib/*" io.temporal.testserver.TestServer "\$@"
WRAP
  chmod +x "$tools/bin/temporal-test-server"
fi

# --- 4. Chromium for the browser tests --------------------------------------------------------------
# playwright-core never downloads a browser here: the tests launch Debian's package by its path.
chromium="${PLAZO_CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  say "chromium: found at $chromium"
elif [ "${PLAZO_SKIP_CHROMIUM:-}" = "1" ]; then
  say "chromium: skipped (PLAZO_SKIP_CHROMIUM=1); the browser tests will fail without it"
elif has apt-get; then
  sudo=""
  if [ "$(id -u)" != "0" ]; then
    has sudo || fail "chromium is missing at $chromium and installing it needs root: run 'apt-get install -y chromium' as root, or set PLAZO_CHROMIUM_PATH."
    sudo="sudo"
  fi
  say "chromium: not at $chromium; installing Debian's package (apt-get update, then apt-get install -y chromium)"
  apt_log="$cache/apt-chromium.log"
  $sudo apt-get update -qq >"$apt_log" 2>&1 || { tail -n 20 "$apt_log" >&2; fail "apt-get update failed (log: $apt_log): are Debian's package mirrors reachable?"; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >>"$apt_log" 2>&1 \
    || { tail -n 20 "$apt_log" >&2; fail "apt-get install -y chromium failed (log: $apt_log)."; }
  [ -x "$chromium" ] || fail "chromium was installed but $chromium is not there: set PLAZO_CHROMIUM_PATH to the browser's path."
  say "chromium: installed at $chromium"
else
  fail "chromium is missing at $chromium and there is no apt-get: install Chromium and set PLAZO_CHROMIUM_PATH to its executable."
fi

# --- 5. schemathesis (OpenAPI fuzzer) ---------------------------------------------------------------
# A venv per version in the cache; .complete is written only after pip succeeded, so a broken install is redone.
st_dir="$cache/schemathesis-$SCHEMATHESIS_VERSION"
if [ -f "$st_dir/.complete" ]; then
  say "schemathesis $SCHEMATHESIS_VERSION: cached at $st_dir"
elif [ "${PLAZO_SKIP_SCHEMATHESIS:-}" = "1" ]; then
  say "schemathesis: skipped (PLAZO_SKIP_SCHEMATHESIS=1); the OpenAPI fuzz test will fail without it"
else
  has python3 || fail "python3 is not installed: the OpenAPI fuzzer (schemathesis) needs Python 3.9+ (apt-get install python3 python3-venv)."
  say "schemathesis $SCHEMATHESIS_VERSION: installing from PyPI into $st_dir (first time only)"
  rm -rf "$st_dir"
  python3 -m venv "$st_dir" || fail "python3 -m venv failed: install python3-venv (apt-get install python3-venv)."
  "$st_dir/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >"$cache/schemathesis-pip.log" 2>&1 \
    || { tail -n 20 "$cache/schemathesis-pip.log" >&2; fail "pip install schemathesis==$SCHEMATHESIS_VERSION failed: is PyPI reachable?"; }
  touch "$st_dir/.complete"
fi
[ -f "$st_dir/.complete" ] && ln -sf "$st_dir/bin/st" "$tools/bin/schemathesis"

# --- 6. Temporal server + SQL tool (production shape) -----------------------------------------------
# The server docker-compose.yml runs (temporalio/auto-setup:TEMPORAL_SERVER_VERSION), built from its Go module,
# with the config template it ships (config/docker.yaml) and its versioned SQL schema (schema/postgresql).
# And the version an upgrade goes to (TEMPORAL_SERVER_NEXT_VERSION, docs/production.md "Upgrading"), built
# the same way: test/temporalUpgrade.e2e.test.ts rolls a server from one to the other. No download fallback: it needs go.
TEMPORAL_SERVER_VERSION="v1.29.1"       # = docker-compose.yml's temporalio/auto-setup tag (test/dockerCompose.test.ts)
TEMPORAL_SERVER_NEXT_VERSION="v1.30.9"  # the newest patch of the next minor on the Go module proxy
GO_TOOLCHAIN_FOR_NEWER="go1.27.3"        # the Go a module asking for a newer Go than this machine's is built with

# temporal_server VERSION: builds the server and temporal-sql-tool of VERSION once into
# $cache/temporal-server-VERSION (bin/, config/, schema/); returns non-zero when it is not there.
temporal_server() {
  local version="$1" dir="$cache/temporal-server-$1" building mod
  if [ -f "$dir/.complete" ]; then
    say "temporal server $version: cached at $dir"
    # A build from before the schema was kept beside it: copied from the module cache, binaries left alone.
    if [ ! -d "$dir/schema" ]; then
      has go || fail "the Temporal server $version in $dir has no schema/ beside it and 'go' is not on PATH to fetch it: install Go 1.25+ or delete $dir to rebuild it."
      mod="$(go env GOMODCACHE)/go.temporal.io/server@$version"
      [ -d "$mod/schema/postgresql" ] || (cd "$cache" && go mod download "go.temporal.io/server@$version" 2>/dev/null) || true
      [ -d "$mod/schema/postgresql" ] || fail "cannot get go.temporal.io/server@$version's schema: is the Go module proxy reachable (GOPROXY=$(go env GOPROXY))?"
      rm -rf "$dir/schema.tmp" && mkdir -p "$dir/schema.tmp" && cp -r "$mod/schema/postgresql" "$dir/schema.tmp/" \
        && chmod -R u+w "$dir/schema.tmp" && mv "$dir/schema.tmp" "$dir/schema" || fail "copying $mod/schema/postgresql into $dir failed"
    fi
    return 0
  elif [ "${PLAZO_SKIP_TEMPORAL_SERVER:-}" = "1" ]; then
    say "temporal server $version: skipped (PLAZO_SKIP_TEMPORAL_SERVER=1); the production-shape tests and make prod-local will fail without it"
    return 1
  elif ! has go; then
    fail "cannot install the Temporal server $version (production-shape tests, make prod-local): 'go' is not on PATH. Install Go 1.25+ (https://go.dev/dl) and run this script again, or set PLAZO_SKIP_TEMPORAL_SERVER=1 to go without it."
  fi
  say "temporal server $version: building from the Go module (first time only, ~6 minutes on 2 cores)"
  # Built into a scratch directory and renamed at the end: an interrupted build never looks complete.
  building="$dir.building.$$"
  rm -rf "$building" && mkdir -p "$building/bin" "$building/config"
  # Downloaded and unpacked even when this go is older than its go.mod asks (then `download` reports that, below).
  mod="$(go env GOMODCACHE)/go.temporal.io/server@$version"
  (cd "$cache" && go mod download "go.temporal.io/server@$version" 2>/dev/null) || true
  [ -f "$mod/go.mod" ] || { rm -rf "$building"; fail "go mod download go.temporal.io/server@$version failed: is the Go module proxy reachable (GOPROXY=$(go env GOPROXY))?"; }
  # A go.mod may ask for a newer Go than this one (v1.30.9 asks go 1.26.10). Then the build takes the approved
  # toolchain GO_TOOLCHAIN_FOR_NEWER from the Go module proxy (GOTOOLCHAIN, ~76 MB once per machine), so the
  # server is built exactly as released; nothing else in the project needs it.
  local want have toolchain=""
  want="$(sed -n 's/^go //p' "$mod/go.mod")"; have="$(go env GOVERSION)"; have="${have#go}"
  if [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n 1)" != "$want" ]; then
    toolchain="$GO_TOOLCHAIN_FOR_NEWER"
    say "temporal server $version: its go.mod asks Go $want, this is Go $have: building with GOTOOLCHAIN=$toolchain from the Go module proxy"
  fi
  (cd "$mod" && env ${toolchain:+GOTOOLCHAIN=$toolchain} go build -mod=readonly -trimpath -ldflags='-s -w' -o "$building/bin/" ./cmd/server ./cmd/tools/sql) \
    || { rm -rf "$building"; fail "building go.temporal.io/server@$version (cmd/server, cmd/tools/sql) failed${toolchain:+ with GOTOOLCHAIN=$toolchain (is the Go module proxy reachable?)}"; }
  cp "$mod/config/docker.yaml" "$building/config/docker.yaml" || { rm -rf "$building"; fail "no config/docker.yaml in $mod"; }
  # The versioned schema dirs temporal-sql-tool's update-schema reads (--schema-dir), as the operator's upgrade does.
  mkdir -p "$building/schema" && cp -r "$mod/schema/postgresql" "$building/schema/" || { rm -rf "$building"; fail "no schema/postgresql in $mod"; }
  chmod -R u+w "$building/config" "$building/schema"
  mv "$building/bin/server" "$building/bin/temporal-server"
  mv "$building/bin/sql" "$building/bin/temporal-sql-tool"
  touch "$building/.complete"
  rm -rf "$dir" && mv "$building" "$dir"
}

if temporal_server "$TEMPORAL_SERVER_VERSION"; then
  srv_dir="$cache/temporal-server-$TEMPORAL_SERVER_VERSION"
  ln -sf "$srv_dir/bin/temporal-server" "$tools/bin/temporal-server"
  ln -sf "$srv_dir/bin/temporal-sql-tool" "$tools/bin/temporal-sql-tool"
  ln -sfn "$srv_dir/config" "$tools/temporal-server-config"
  ln -sfn "$srv_dir" "$tools/temporal-server-$TEMPORAL_SERVER_VERSION"
fi
if temporal_server "$TEMPORAL_SERVER_NEXT_VERSION"; then
  ln -sfn "$cache/temporal-server-$TEMPORAL_SERVER_NEXT_VERSION" "$tools/temporal-server-$TEMPORAL_SERVER_NEXT_VERSION"
fi

# --- 7. Certificates for mTLS with the real Temporal server ---------------------------------------
# Only Plazo's processes reach its frontend (issue 25 H2): dev/temporalTls.ts makes them once, in the cache.
if [ -f "$cache/temporal-tls/.complete" ]; then
  say "temporal mTLS certificates: cached at $cache/temporal-tls"
elif [ "${PLAZO_SKIP_TEMPORAL_SERVER:-}" = "1" ]; then
  say "temporal mTLS certificates: skipped with the server (PLAZO_SKIP_TEMPORAL_SERVER=1)"
elif has openssl; then
  PLAZO_CACHE_DIR="$cache" "$root/node_modules/.bin/tsx" "$root/dev/temporalTls.ts" "$cache/temporal-tls" >/dev/null \
    || fail "making the Temporal server's certificates with openssl failed (dev/temporalTls.ts)"
  say "temporal mTLS certificates: made in $cache/temporal-tls (a local CA; never use them in production)"
else
  fail "cannot make the Temporal server's certificates (mTLS, make prod-local): 'openssl' is not on PATH. Install openssl and run this script again, or set PLAZO_SKIP_TEMPORAL_SERVER=1 to go without the server."
fi

# --- 8. promtool (alert rules) --------------------------------------------------------------------
# `promtool check rules` / `promtool test rules` on ops/prometheus/plazo-alerts.yml. The module is large
# (its service discovery pulls in cloud SDKs): built once per user, scratch directory renamed at the end.
PROMTOOL_VERSION="v0.316.0"          # github.com/prometheus/prometheus (Prometheus 3.x's Go module version)
pt_dir="$cache/promtool-$PROMTOOL_VERSION"
if [ -f "$pt_dir/.complete" ]; then
  say "promtool $PROMTOOL_VERSION: cached at $pt_dir"
elif [ "${PLAZO_SKIP_PROMTOOL:-}" = "1" ]; then
  say "promtool: skipped (PLAZO_SKIP_PROMTOOL=1); the alert-rule tests will fail without it"
elif has go; then
  say "promtool $PROMTOOL_VERSION: building from the Go module (first time only, ~20 minutes on 2 busy cores)"
  building="$pt_dir.building.$$"
  rm -rf "$building" && mkdir -p "$building/bin"
  GOBIN="$building/bin" go install -trimpath -ldflags='-s -w' "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_VERSION" \
    || { rm -rf "$building"; fail "go install github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_VERSION failed: is the Go module proxy reachable (GOPROXY=$(go env GOPROXY))?"; }
  touch "$building/.complete"
  rm -rf "$pt_dir" && mv "$building" "$pt_dir"
else
  fail "cannot install promtool $PROMTOOL_VERSION (the alert-rule tests): 'go' is not on PATH. Install Go 1.25+ (https://go.dev/dl) and run this script again, or set PLAZO_SKIP_PROMTOOL=1 to go without it."
fi
[ -f "$pt_dir/.complete" ] && ln -sf "$pt_dir/bin/promtool" "$tools/bin/promtool"

say "ready: $(ls "$tools/bin" | tr '\n' ' ')"
