# Shared by scripts/animerec, scripts/submit, the scripts/bench-* and scripts/cluster-* scripts (sourced, not run).
# Sets ROOT, SHARED_DATA and SHARED_PEERS (../shared beside the project), JAR (the job jar for local runs), SUBMIT_JAR (the slim jar for spark-submit) and CP_FILE, and defines:
#   build_if_needed   build with the Maven wrapper when a jar is missing or older than any source
#   export_git_commit export ANIMEREC_GIT_COMMIT (the code version models record) unless it is set
#   spark_home        make a Spark home from the Maven-resolved Spark jars (no Spark distribution needed)
#   spark_command CLASS ARGS... set SPARK_CMD to the java command Spark's launcher builds for CLASS (what
#                               $SPARK_HOME/bin/spark-class runs), for SparkSubmit, Master or Worker
#   exec_spark_class CLASS ARGS...  run that command in place of this shell

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED_DATA="$ROOT/../shared/data"
SHARED_PEERS="$ROOT/../shared/peers"
JAR="$ROOT/jobs/target/animerec-jobs.jar"
SUBMIT_JAR="$ROOT/jobs/target/animerec-jobs-submit.jar"
CP_FILE="$ROOT/jobs/target/classpath.txt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

build_if_needed() {
  if [[ -f "$JAR" && -f "$SUBMIT_JAR" && -f "$CP_FILE" && -f "$ROOT/jobs/target/jvm-flags.txt" ]] \
      && [[ -z "$(find "$ROOT/pom.xml" "$ROOT/lib-metrics" "$ROOT/jobs" -path '*/target' -prune -o -type f -newer "$JAR" -print -quit)" ]]; then
    return 0
  fi
  echo "animerec: building (first run or sources changed)..." >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
}

export_git_commit() {
  if [[ -z "${ANIMEREC_GIT_COMMIT:-}" ]]; then
    ANIMEREC_GIT_COMMIT="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
    export ANIMEREC_GIT_COMMIT
  fi
}

# A Spark home for the launcher, the Master and the Workers: jars/ holds the jars of the Spark version the project
# builds against, exactly as Maven resolved them (jobs/target/classpath.txt, without our own code and the libraries
# the slim jar carries). Set SPARK_HOME to a Spark distribution of the same version to use it instead.
spark_home() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ -d "$SPARK_HOME/jars" ]] || { echo "SPARK_HOME=$SPARK_HOME has no jars/ folder" >&2; exit 2; }
    return 0
  fi
  SPARK_HOME="$ROOT/jobs/target/spark-home"
  if [[ ! -f "$SPARK_HOME/jars/.complete" || "$CP_FILE" -nt "$SPARK_HOME/jars/.complete" ]]; then
    echo "animerec: assembling $SPARK_HOME/jars from the Maven-resolved Spark jars..." >&2
    rm -rf "$SPARK_HOME" && mkdir -p "$SPARK_HOME/jars"
    local entry
    while IFS= read -r entry; do
      case "$entry" in
        */io/animerec/* | */lib-metrics/* | */info/picocli/* | */com/github/haifengl/* | */jackson-dataformat-yaml-*) ;;
        *.jar) cp "$entry" "$SPARK_HOME/jars/" ;;
      esac
    done < <(tr ':' '\n' < "$CP_FILE")
    touch "$SPARK_HOME/jars/.complete"
  fi
  export SPARK_HOME
  export SPARK_SCALA_VERSION=2.13
}

spark_class() {
  "$JAVA" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@"
  printf '%d\0' $?
}

# Sets the array SPARK_CMD to the java command Spark's launcher builds for CLASS ARGS... The launcher prints its
# messages as lines, then a line holding only a NUL, then the command's words each ended by a NUL (what
# bin/spark-class reads); spark_class adds the launcher's exit code as the last word.
spark_command() {
  local words=() part
  while IFS= read -r -d '' part; do words+=("$part"); done < <(spark_class "$@")
  [[ -n "${words[0]:-}" ]] && printf '%s\n' "${words[0]}" >&2
  SPARK_CMD=("${words[@]:1}")
  local last=$((${#SPARK_CMD[@]} - 1))
  if [[ $last -lt 0 || "${SPARK_CMD[$last]}" != 0 ]]; then
    echo "Spark's launcher failed (exit ${SPARK_CMD[$last]:-?}) for: $*" >&2
    exit 1
  fi
  SPARK_CMD[0]="${SPARK_CMD[0]#$'\n'}"
  unset 'SPARK_CMD[$last]'
}

# Runs CLASS ARGS... as Spark's launcher says (exec: this shell becomes that JVM).
exec_spark_class() {
  spark_command "$@"
  exec "${SPARK_CMD[@]}"
}
