#!/usr/bin/env bash
# Installs what the test suite needs from Debian's apt when it is missing; does nothing (and asks nothing of apt)
# when it is all there. Called by ./run-tests (and so by .ci/run).
#
#   scripts/test-deps.sh             install what is missing (with sudo when not root)
#   scripts/test-deps.sh --dry-run   print the apt-get commands it would run, run nothing
#
# BATON_SKIP_TEST_DEPS=1 skips it (a machine without apt that has the servers elsewhere: the tests will say what
# they miss). BATON_DEPS_ROOT prefixes every checked path; the script's own tests use it.
set -euo pipefail

root="${BATON_DEPS_ROOT:-}"
# One line per apt package: the package, then the file the tests run from it (a glob; the package is installed when
# an executable matches). The tests look exactly there: src/test/java/dev/baton/testing/PostgresServer, RedisServer
# (the store and shared-state tests), Chromium (the dashboard's browser tests).
NEEDS=(
  "postgresql      $root/usr/lib/postgresql/*/bin/initdb"
  "redis-server    $root/usr/bin/redis-server"
  "chromium        $root/usr/bin/chromium"
  "chromium-driver $root/usr/bin/chromedriver"
)

dry_run=""
case "${1:-}" in
  --dry-run) dry_run=1 ;;
  "") ;;
  *) echo "usage: $0 [--dry-run]" >&2; exit 2 ;;
esac
[ -n "${BATON_SKIP_TEST_DEPS:-}" ] && exit 0

installed() { # true when an executable file matches the glob $1
  local f
  for f in $1; do [ -x "$f" ] && return 0; done
  return 1
}

missing=()
for line in "${NEEDS[@]}"; do
  read -r package path <<<"$line"
  installed "$path" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

verb="installing"; [ -n "$dry_run" ] && verb="would install"
echo "run-tests: $verb ${missing[*]} from apt (the tests start their own servers and browser from them)" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "run-tests: needs ${missing[*]} (Debian packages) and this machine has no apt-get: install them, or set BATON_SKIP_TEST_DEPS=1" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "run-tests: needs ${missing[*]}; run 'apt-get install -y ${missing[*]}' as root (no sudo here)" >&2
    exit 1
  fi
  sudo=(sudo)
fi
run() {
  if [ -n "$dry_run" ]; then echo "$*"; else "$@"; fi
}
run "${sudo[@]}" apt-get update -qq
run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
