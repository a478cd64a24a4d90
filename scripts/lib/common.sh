# Shared by the launchers in scripts/: the repository root, a Java 17, the JVM flags Spark
# needs (from conf/jvm-flags.properties, their single home) and the driver's class path.
# Source it; it defines variables and functions and changes nothing else.

DESCENT_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Java 17 exactly: Hadoop's login code fails on newer JDKs ("getSubject is not supported").
descent_java17() {
  local v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    [ "$v" = "17" ] && return 0
  fi
  if command -v java >/dev/null; then
    v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    if [ "$v" = "17" ]; then
      JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
      export JAVA_HOME
      return 0
    fi
  fi
  for d in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*17*; do
    if [ -x "$d/bin/java" ]; then
      JAVA_HOME="$d"
      export JAVA_HOME
      return 0
    fi
  done
  echo "error: Descent needs Java 17 (Hadoop fails on newer JDKs); set JAVA_HOME to a Java 17 JDK" >&2
  return 1
}

# The add-opens list, one line, from conf/jvm-flags.properties.
descent_jvm_flags() {
  sed -e '/^[[:space:]]*#/d' "$DESCENT_HOME/conf/jvm-flags.properties" \
    | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' \
    | sed -n 's/^descent\.jvm\.flags=//p' | tr -s ' '
}

DRIVER_JAR_GLOB="$DESCENT_HOME/driver/target/descent-driver-*-SNAPSHOT.jar"

descent_driver_jar() {
  local f
  for f in $DRIVER_JAR_GLOB; do
    case "$f" in *-submit.jar|*-tests.jar) ;; *) [ -f "$f" ] && { echo "$f"; return 0; } ;; esac
  done
  return 0
}

descent_submit_jar() {
  local f
  for f in "$DESCENT_HOME"/driver/target/descent-driver-*-submit.jar; do
    [ -f "$f" ] && { echo "$f"; return 0; }
  done
  return 0
}

# Builds the jars when missing or older than any source or pom.
descent_build_if_needed() {
  local jar
  jar="$(descent_driver_jar)"
  if [ -z "$jar" ] || [ ! -f "$DESCENT_HOME/driver/target/runtime-classpath.txt" ] \
     || [ -n "$(find "$DESCENT_HOME/worker-lib/src/main" "$DESCENT_HOME/driver/src/main" "$DESCENT_HOME/pom.xml" \
                  "$DESCENT_HOME/worker-lib/pom.xml" "$DESCENT_HOME/driver/pom.xml" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
    echo "descent: building (mvn package -DskipTests)..." >&2
    (cd "$DESCENT_HOME" && mvn -q -B -DskipTests package) >&2 || { echo "error: build failed" >&2; return 1; }
  fi
}

descent_classpath() {
  echo "$(descent_driver_jar):$(cat "$DESCENT_HOME/driver/target/runtime-classpath.txt")"
}

# The loopback cluster's work directory (scripts/cluster, scripts/submit).
DESCENT_CLUSTER_DIR="${DESCENT_CLUSTER_DIR:-$DESCENT_HOME/target/cluster}"

# A SPARK_HOME made of the Maven jars: DIR/jars holds links to what a Spark installation
# would provide (driver/target/spark-classpath.txt, written by the build). Prints DIR.
descent_spark_home() {
  local home="$DESCENT_CLUSTER_DIR/spark-home" list="$DESCENT_HOME/driver/target/spark-classpath.txt" jar
  if [ ! -f "$list" ]; then
    echo "error: $list is missing; build with: mvn -q -B -DskipTests package" >&2
    return 1
  fi
  if [ ! -d "$home/jars" ] || [ "$list" -nt "$home/jars" ]; then
    rm -rf "$home/jars"
    mkdir -p "$home/jars"
    # The list is one line without a final newline: read's last item would otherwise be lost.
    tr ':' '\n' < "$list" | while IFS= read -r jar || [ -n "$jar" ]; do
      [ -n "$jar" ] && ln -s "$jar" "$home/jars/$(basename "$jar")"
    done
  fi
  echo "$home"
}

# The environment Spark's own scripts would set up, for processes started from the jars.
descent_spark_env() {
  SPARK_HOME="$(descent_spark_home)" || return 1
  export SPARK_HOME
  export SPARK_SCALA_VERSION=2.13
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
}
