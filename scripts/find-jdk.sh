# Sourced by ./baton and ./run-tests: finds a JDK >= 21 and exports JAVA_HOME.
# Order: JAVA_HOME if new enough, then JDKs under /usr/lib/jvm, ~/.sdkman, /Library/Java, then `java` on PATH.
# BATON_JDK_SEARCH_PATH, when set, replaces those three places: a colon-separated list of directories whose
# subdirectories are JDK homes (or macOS bundles with Contents/Home). Tests use it; so can unusual installs.

baton_java_major() { # prints the feature version of the java binary $1, or nothing
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  # every JDK since 9 names its version in its release file (JAVA_VERSION="25.0.3", "1.8.0_392" before): reading it
  # costs nothing, where starting each JDK found took 0.15 s apiece on every baton command
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' "$release" | head -n1)
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

baton_find_jdk() {
  local min=21 candidates=() c r best="" best_v=0 v roots=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -n "${BATON_JDK_SEARCH_PATH+set}" ]; then
    IFS=: read -r -a roots <<<"$BATON_JDK_SEARCH_PATH"
    for r in "${roots[@]}"; do
      [ -n "$r" ] || continue
      for c in "$r"/* "$r"/*/Contents/Home; do
        [ -d "$c" ] && candidates+=("$c")
      done
    done
  else
    for c in /usr/lib/jvm/* "${HOME:-}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [ -d "$c" ] && candidates+=("$c")
    done
  fi
  if command -v java >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$c")
  fi
  # JAVA_HOME wins when it is new enough; otherwise the newest JDK found (one with javac, since we build).
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(baton_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then return 0; fi
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(baton_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "baton: needs a JDK $min or newer and found none (looked at JAVA_HOME, /usr/lib/jvm, ~/.sdkman, /Library/Java, PATH)." >&2
    echo "baton: install one, e.g. 'apt-get install openjdk-21-jdk' or 'sdk install java 21-tem', or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
