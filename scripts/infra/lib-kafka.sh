# shellcheck shell=bash
# shellcheck disable=SC2016,SC2153  # single-quoted bash -c on purpose; KAFKA_HOST/PORT come from lib.sh
# Kafka part of scripts/infra (sourced after lib.sh): a single KRaft node (broker + controller in one JVM) from
# the Maven Central jars of org.apache.kafka:kafka_2.13. kafka_start (returns once the JVM is launched),
# kafka_wait (until a client can really use it), kafka_down, kafka_purge, kafka_status_line.

kafka_init_vars() {
  parse_kafka_brokers
  KAFKA_DIR="$INFRA_DIR/kafka"
  KAFKA_LIBS="$KAFKA_DIR/libs"
  KAFKA_DATA="$KAFKA_DIR/data"
  KAFKA_LOGS="$KAFKA_DIR/logs"
  KAFKA_CONFIG="$KAFKA_DIR/config"
  KAFKA_PROPS="$KAFKA_CONFIG/server.properties"
  KAFKA_PIDFILE="$KAFKA_DIR/kafka.pid"
  KAFKA_CLUSTER_ID_FILE="$KAFKA_DIR/cluster-id"
  KAFKA_OUT="$LOG_DIR/kafka.log"
  KAFKA_BIND="$(bind_addr "$KAFKA_HOST")"
}

# The broker's pid, when the process in the pid file is a broker running our server.properties.
kafka_our_pid() { pid_from_file "$KAFKA_PIDFILE" "$KAFKA_PROPS"; }
# The client port our running broker was started with (from the server.properties written at its start).
kafka_our_port() { sed -nE 's/^listeners=PLAINTEXT:\/\/[^,]*:([0-9]+),.*/\1/p' "$KAFKA_PROPS" 2>/dev/null | head -n 1; }
kafka_check_our_port() {
  local running
  running="$(kafka_our_port)"
  [[ -z "$running" || "$running" == "$KAFKA_PORT" ]] ||
    die "kafka: this checkout's broker (pid $1) runs on port $running but KAFKA_BROKERS names port $KAFKA_PORT; run scripts/infra/down.sh kafka first, or use the old KAFKA_BROKERS"
}

kafka_ensure_tools() {
  local pkgs=()
  command -v java >/dev/null 2>&1 || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  ((${#pkgs[@]} == 0)) || apt_install "${pkgs[@]}"
  local major
  major="$(java -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.[0-9]+)*.*/\1/p')"
  [[ -n "$major" && "$major" -ge 11 ]] || die "kafka: Kafka $KAFKA_VERSION needs Java 11 or newer (17 recommended); java -version says: $(java -version 2>&1 | head -n 1)"
}

# Resolves the broker's runtime classpath into .infra/kafka/libs through Maven (served from ~/.m2 after the
# first time). Skipped when libs/ already holds this version.
kafka_resolve_jars() {
  local marker="$KAFKA_LIBS/.kafka-version"
  if [[ -f "$marker" && "$(cat "$marker")" == "$KAFKA_VERSION" && -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; then
    return 0
  fi
  local mvnlog="$LOG_DIR/maven.log" tmp="$KAFKA_DIR/libs.tmp" t0=$SECONDS
  mkdir -p "$KAFKA_DIR" "$LOG_DIR"
  log "kafka: resolving Kafka $KAFKA_VERSION jars through Maven (local repository ~/.m2; log $(rel "$mvnlog"))…"
  cp "$INFRA_SCRIPTS_DIR/kafka-pom.xml" "$KAFKA_DIR/pom.xml"
  rm -rf "$tmp"
  (cd "$KAFKA_DIR" && mvn -B -q -f pom.xml -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp") >>"$mvnlog" 2>&1 ||
    die "kafka: Maven could not resolve org.apache.kafka:kafka_2.13:$KAFKA_VERSION" "$mvnlog"
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka: Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing" "$mvnlog"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  printf '%s\n' "$KAFKA_VERSION" >"$marker"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $(rel "$KAFKA_LIBS") ($((SECONDS - t0))s)"
}

kafka_write_config() {
  mkdir -p "$KAFKA_CONFIG" "$KAFKA_DATA" "$KAFKA_LOGS"
  cat >"$KAFKA_PROPS" <<EOF
# Written by scripts/infra/lib-kafka.sh before every start of the local broker: edit that script, not this file.
# One KRaft node that is both broker and controller, for development and tests on this machine.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_BIND:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_BIND:$KAFKA_PORT,CONTROLLER://$KAFKA_BIND:$KAFKA_CONTROLLER_PORT
# Clients (kafkajs) must use this listener; the CONTROLLER one does not speak the client APIs.
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA

# One broker: every internal topic has one replica, or the consumer offsets topic is never created and
# consumer groups fail with "coordinator not available".
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer partitions for internal topics than the default 50: the first group join (which creates
# __consumer_offsets) is quicker on a 2-core machine.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Topics are created on purpose (the apps' topic setup, the tests), never by a typo in a producer.
auto.create.topics.enable=false
delete.topic.enable=true

# Consumer groups: no 3 s wait before the first rebalance, and a lower minimum session timeout (default
# 6000 ms) so tests may use short session timeouts and a crashed member leaves its group quickly.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000

# Sized for a 2-core development machine.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=268435456
EOF

  cat >"$KAFKA_CONFIG/log4j.properties" <<EOF
# Written by scripts/infra/lib-kafka.sh. Broker logs go to $(rel "$KAFKA_LOGS"); warnings and errors also to
# stdout, which is $(rel "$KAFKA_OUT").
log4j.rootLogger=INFO, kafkaAppender, stdout

log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.Threshold=WARN
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.appender.kafkaAppender=org.apache.log4j.RollingFileAppender
log4j.appender.kafkaAppender.File=\${kafka.logs.dir}/server.log
log4j.appender.kafkaAppender.MaxFileSize=20MB
log4j.appender.kafkaAppender.MaxBackupIndex=3
log4j.appender.kafkaAppender.layout=org.apache.log4j.PatternLayout
log4j.appender.kafkaAppender.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.appender.controllerAppender=org.apache.log4j.RollingFileAppender
log4j.appender.controllerAppender.File=\${kafka.logs.dir}/controller.log
log4j.appender.controllerAppender.MaxFileSize=20MB
log4j.appender.controllerAppender.MaxBackupIndex=2
log4j.appender.controllerAppender.layout=org.apache.log4j.PatternLayout
log4j.appender.controllerAppender.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.appender.stateChangeAppender=org.apache.log4j.RollingFileAppender
log4j.appender.stateChangeAppender.File=\${kafka.logs.dir}/state-change.log
log4j.appender.stateChangeAppender.MaxFileSize=20MB
log4j.appender.stateChangeAppender.MaxBackupIndex=2
log4j.appender.stateChangeAppender.layout=org.apache.log4j.PatternLayout
log4j.appender.stateChangeAppender.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.logger.org.apache.kafka.controller=INFO, controllerAppender
log4j.additivity.org.apache.kafka.controller=false
log4j.logger.kafka.controller=INFO, controllerAppender
log4j.additivity.kafka.controller=false
log4j.logger.state.change.logger=INFO, stateChangeAppender
log4j.additivity.state.change.logger=false
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF

  # The storage tool only needs to complain.
  cat >"$KAFKA_CONFIG/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# The storage directory is formatted once, with a cluster id generated once and kept in .infra/kafka/cluster-id.
kafka_format_once() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local id=""
  [[ -s "$KAFKA_CLUSTER_ID_FILE" ]] && id="$(cat "$KAFKA_CLUSTER_ID_FILE")"
  # A Kafka cluster id is a base64url-encoded random UUID (what `kafka-storage random-uuid` prints). Like Kafka's own
  # generator, never one that starts with '-': the storage tool would read it as an option (a stored one from before
  # is replaced: the storage was never formatted with it).
  while [[ -z "$id" || "$id" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    printf '%s\n' "$id" >"$KAFKA_CLUSTER_ID_FILE"
  done
  log "kafka: formatting $(rel "$KAFKA_DATA") (cluster id $id)"
  java -Dlog4j.configuration="file:$KAFKA_CONFIG/tools-log4j.properties" -cp "$KAFKA_LIBS/*" \
    kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" --ignore-formatted >>"$KAFKA_OUT" 2>&1 ||
    die "kafka: formatting the storage failed" "$KAFKA_OUT"
}

# kafka_ready_once: a client can use the broker (kafkajs admin from the repo's node_modules: describe the
# cluster and list topics; without node_modules, the same through Kafka's own AdminClient in Java).
kafka_ready_once() {
  local rc=0
  if command -v node >/dev/null 2>&1; then
    node "$INFRA_SCRIPTS_DIR/kafka-ready.js" "$KAFKA_HOST:$KAFKA_PORT" >/dev/null 2>&1 || rc=$?
    ((rc != 3)) && return "$rc" # 3: kafkajs is not installed
  fi
  if [[ -f "$KAFKA_LIBS/kafka-clients-$KAFKA_VERSION.jar" ]] && command -v java >/dev/null 2>&1; then
    java -Dlog4j.configuration="file:$KAFKA_CONFIG/tools-log4j.properties" -cp "$KAFKA_LIBS/*" \
      "$INFRA_SCRIPTS_DIR/KafkaReady.java" "$KAFKA_HOST:$KAFKA_PORT" >/dev/null 2>&1
    return
  fi
  port_open "$KAFKA_HOST" "$KAFKA_PORT"
}

# Starts our broker unless one (ours or not) answers already. Does not wait for readiness: see kafka_wait.
kafka_start() {
  kafka_init_vars
  KAFKA_STARTED_BY_US=""
  local pid
  pid="$(kafka_our_pid || true)"
  if [[ -n "$pid" ]]; then
    kafka_check_our_port "$pid"
    log "kafka: already running (ours, pid $pid) on $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  rm -f "$KAFKA_PIDFILE"
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "kafka: something answers on $KAFKA_HOST:$KAFKA_PORT (external); using it as it is"
    return 0
  fi
  is_local_host "$KAFKA_HOST" || die "kafka: nothing answers on $KAFKA_HOST:$KAFKA_PORT, and that is not an address of this machine"
  port_open "$KAFKA_BIND" "$KAFKA_CONTROLLER_PORT" &&
    die "kafka: the controller port $KAFKA_BIND:$KAFKA_CONTROLLER_PORT is taken by another process (set KAFKA_CONTROLLER_PORT)"
  kafka_ensure_tools
  kafka_resolve_jars
  kafka_write_config
  kafka_format_once
  log "kafka: starting Kafka $KAFKA_VERSION (KRaft, broker+controller) on $KAFKA_HOST:$KAFKA_PORT, controller $KAFKA_BIND:$KAFKA_CONTROLLER_PORT (logs $(rel "$KAFKA_LOGS"))"
  printf '\n[infra] %s starting Kafka %s\n' "$(date '+%F %T')" "$KAFKA_VERSION" >>"$KAFKA_OUT"
  # 9>&-: the broker must not inherit the lock of scripts/infra (lib.sh, infra_lock), or the next run waits on it.
  # setsid: the broker gets a session of its own, so it outlives the shell (or npm, or jest) that started it.
  # Its pid is written by the process itself before it becomes the JVM (exec), so the pid file is exact.
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is a list of JVM options
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PIDFILE" \
    java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_CONFIG/log4j.properties" -Dkafka.logs.dir="$KAFKA_LOGS" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS" </dev/null >>"$KAFKA_OUT" 2>&1 9>&- &
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [[ -s "$KAFKA_PIDFILE" ]] && break
    sleep 0.1
  done
  KAFKA_STARTED_BY_US=1
}

# Waits until a client can use the broker on KAFKA_BROKERS (at most KAFKA_START_TIMEOUT seconds).
kafka_wait() {
  [[ -n "${KAFKA_DIR:-}" ]] || kafka_init_vars
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) pid t0=$SECONDS
  pid="$(kafka_our_pid || true)"
  while ((SECONDS < deadline)); do
    if [[ -n "${KAFKA_STARTED_BY_US:-}" || -n "$pid" ]] && [[ -z "$(kafka_our_pid || true)" ]]; then
      die "kafka: the broker exited during startup" "$KAFKA_LOGS/server.log" "$KAFKA_OUT"
    fi
    if port_open "$KAFKA_HOST" "$KAFKA_PORT" && kafka_ready_once; then
      if [[ -n "${KAFKA_STARTED_BY_US:-}" ]]; then
        log "kafka: up (ours, pid $(kafka_our_pid || echo '?')) on $KAFKA_HOST:$KAFKA_PORT, ready after $((SECONDS - t0))s"
      elif [[ -z "$pid" ]]; then
        log "kafka: the broker on $KAFKA_HOST:$KAFKA_PORT (external) answers admin requests"
      fi
      return 0
    fi
    sleep 0.5
  done
  if [[ -n "$pid" || -n "${KAFKA_STARTED_BY_US:-}" ]]; then
    die "kafka: not ready on $KAFKA_HOST:$KAFKA_PORT after ${KAFKA_START_TIMEOUT}s (pid $(kafka_our_pid || echo 'gone'))" \
      "$KAFKA_LOGS/server.log" "$KAFKA_OUT"
  fi
  die "kafka: the process on $KAFKA_HOST:$KAFKA_PORT (not started by these scripts) does not answer Kafka admin requests"
}

kafka_down() {
  kafka_init_vars
  local pid
  pid="$(kafka_our_pid || true)"
  if [[ -z "$pid" ]]; then
    if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      log "kafka: the broker on $KAFKA_HOST:$KAFKA_PORT was not started by these scripts; leaving it running"
    else
      log "kafka: not running"
    fi
    rm -f "$KAFKA_PIDFILE"
    return 0
  fi
  log "kafka: stopping (pid $pid; a controlled shutdown takes a few seconds)"
  stop_pid "$pid" kafka 60
  rm -f "$KAFKA_PIDFILE"
  log "kafka: stopped (data kept in $(rel "$KAFKA_DATA"))"
}

# Deletes the broker's data, logs, config and cluster id; keeps the resolved jars (libs/), which are a cache.
kafka_purge() {
  kafka_init_vars
  [[ -z "$(kafka_our_pid || true)" ]] || die "kafka: still running; not deleting its data"
  rm -rf "$KAFKA_DATA" "$KAFKA_LOGS" "$KAFKA_CONFIG" "$KAFKA_CLUSTER_ID_FILE" "$KAFKA_PIDFILE" "$KAFKA_OUT"
  log "kafka: deleted $(rel "$KAFKA_DATA"), its logs and its cluster id (jars kept in $(rel "$KAFKA_LIBS"))"
}

kafka_status_line() {
  kafka_init_vars
  local pid who version=""
  pid="$(kafka_our_pid || true)"
  [[ -f "$KAFKA_LIBS/.kafka-version" ]] && version="Kafka $(cat "$KAFKA_LIBS/.kafka-version"), "
  if [[ -n "$pid" && "$(kafka_our_port)" != "$KAFKA_PORT" ]]; then
    printf '%-9s %-5s %-22s %s\n' kafka down "$KAFKA_HOST:$KAFKA_PORT" "ours (pid $pid) runs on port $(kafka_our_port) instead"
    return 1
  fi
  if [[ -n "$pid" ]]; then who="ours (pid $pid, ${version}data $(rel "$KAFKA_DATA"))"; else who="external"; fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    if kafka_ready_once; then
      printf '%-9s %-5s %-22s %s\n' kafka up "$KAFKA_HOST:$KAFKA_PORT" "$who"
      return 0
    fi
    printf '%-9s %-5s %-22s %s\n' kafka down "$KAFKA_HOST:$KAFKA_PORT" "$who, port open but admin requests fail (starting?)"
    return 1
  fi
  if [[ -n "$pid" ]]; then
    printf '%-9s %-5s %-22s %s\n' kafka down "$KAFKA_HOST:$KAFKA_PORT" "ours (pid $pid) but not answering (starting?)"
  else
    printf '%-9s %-5s %-22s %s\n' kafka down "$KAFKA_HOST:$KAFKA_PORT" "-"
  fi
  return 1
}
