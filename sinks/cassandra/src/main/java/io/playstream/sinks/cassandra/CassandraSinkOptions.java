package io.playstream.sinks.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.playstream.flink.FlinkJobOptions;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Every option of the Cassandra sink and of the viewing-history job, declared once with its default
 * (a picocli mixin: {@code @Mixin CassandraSinkOptions cassandra;}). Serializable: the sink carries
 * it to its writers, which open their own driver session from it.
 *
 * <p>The README's options table lists the same keys, types and defaults.
 */
public class CassandraSinkOptions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  @Option(
      names = "--contact-points",
      defaultValue = "127.0.0.1:9042",
      description =
          "Cassandra contact points, host:port comma-separated (default: ${DEFAULT-VALUE}).")
  public String contactPoints = "127.0.0.1:9042";

  @Option(
      names = "--local-datacenter",
      defaultValue = "datacenter1",
      description = "Datacenter the driver treats as local (default: ${DEFAULT-VALUE}).")
  public String localDatacenter = "datacenter1";

  @Option(
      names = "--keyspace",
      defaultValue = "playstream",
      description = "Keyspace of the tables (default: ${DEFAULT-VALUE}).")
  public String keyspace = "playstream";

  @Option(
      names = "--replication",
      defaultValue = "{'class': 'SimpleStrategy', 'replication_factor': 1}",
      description =
          "Replication map used when the schema creates the keyspace (default: ${DEFAULT-VALUE};"
              + " production: NetworkTopologyStrategy).")
  public String replication = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

  @Option(
      names = "--consistency",
      defaultValue = "LOCAL_QUORUM",
      description = "Write consistency level (default: ${DEFAULT-VALUE}).")
  public String consistency = "LOCAL_QUORUM";

  @Option(
      names = "--max-in-flight",
      defaultValue = "128",
      description =
          "Writes in flight per sink task; write() blocks (backpressure) while this many are"
              + " pending (default: ${DEFAULT-VALUE}).")
  public int maxInFlight = 128;

  @Option(
      names = "--max-retries",
      defaultValue = "8",
      description =
          "Retries of a write that failed with a transient error (timeout, unavailable,"
              + " overloaded, no node reachable) before it is dead-lettered (default:"
              + " ${DEFAULT-VALUE}).")
  public int maxRetries = 8;

  @Option(
      names = "--initial-backoff",
      defaultValue = "100ms",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Delay before the first retry; doubles per retry (default: ${DEFAULT-VALUE}).")
  public Duration initialBackoff = Duration.ofMillis(100);

  @Option(
      names = "--max-backoff",
      defaultValue = "10s",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Longest delay between retries (default: ${DEFAULT-VALUE}).")
  public Duration maxBackoff = Duration.ofSeconds(10);

  @Option(
      names = "--request-timeout",
      defaultValue = "5s",
      converter = FlinkJobOptions.DurationConverter.class,
      description = "Driver request timeout of one write attempt (default: ${DEFAULT-VALUE}).")
  public Duration requestTimeout = Duration.ofSeconds(5);

  @Option(
      names = "--dlq-bootstrap-servers",
      description =
          "Kafka bootstrap servers of playstream.dlq for writes the sink gives up on; unset:"
              + " such a write fails the job (the job main defaults it to --bootstrap-servers).")
  public String dlqBootstrapServers;

  @Option(
      names = "--history-ttl",
      defaultValue = "180d",
      converter = FlinkJobOptions.DurationConverter.class,
      description =
          "How long viewing-history and session rows live, counted from the event time"
              + " (default: ${DEFAULT-VALUE}).")
  public Duration historyTtl = Duration.ofDays(180);

  /** The contact points as socket addresses. */
  public List<InetSocketAddress> contactPointAddresses() {
    return parseContactPoints(contactPoints);
  }

  /** The consistency level. */
  public ConsistencyLevel consistencyLevel() {
    return DefaultConsistencyLevel.valueOf(consistency.trim().toUpperCase(Locale.ROOT));
  }

  /**
   * Checks every value, failing with a message naming the option.
   *
   * @return this
   */
  public CassandraSinkOptions validate() {
    contactPointAddresses();
    if (localDatacenter == null || localDatacenter.isBlank()) {
      throw new IllegalArgumentException("--local-datacenter must not be empty");
    }
    if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "--keyspace '" + keyspace + "' must match " + KEYSPACE.pattern());
    }
    try {
      consistencyLevel();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--consistency '" + consistency + "' is not a level", e);
    }
    positive("--max-in-flight", maxInFlight);
    if (maxRetries < 0) {
      throw new IllegalArgumentException("--max-retries must be >= 0: " + maxRetries);
    }
    positive("--initial-backoff", initialBackoff.toMillis());
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("--max-backoff must be >= --initial-backoff");
    }
    positive("--request-timeout", requestTimeout.toMillis());
    positive("--history-ttl", historyTtl.toSeconds());
    if (historyTtl.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--history-ttl is too long: " + historyTtl);
    }
    return this;
  }

  private static void positive(String option, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be positive: " + value);
    }
  }

  /**
   * Parses {@code host:port[,host:port...]}; a missing port means 9042.
   *
   * @throws IllegalArgumentException on an empty list or a bad port
   */
  public static List<InetSocketAddress> parseContactPoints(String text) {
    List<InetSocketAddress> out = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        int colon = p.lastIndexOf(':');
        String host = colon < 0 ? p : p.substring(0, colon);
        int port;
        try {
          port = colon < 0 ? 9042 : Integer.parseInt(p.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad contact point '" + p + "': port is not a number");
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
          throw new IllegalArgumentException("bad contact point '" + p + "'");
        }
        out.add(InetSocketAddress.createUnresolved(host, port));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--contact-points must name at least one host:port");
    }
    return out;
  }

  /** A copy (options are mutable picocli targets; sinks keep their own copy). */
  public CassandraSinkOptions copy() {
    CassandraSinkOptions c = new CassandraSinkOptions();
    c.contactPoints = contactPoints;
    c.localDatacenter = localDatacenter;
    c.keyspace = keyspace;
    c.replication = replication;
    c.consistency = consistency;
    c.maxInFlight = maxInFlight;
    c.maxRetries = maxRetries;
    c.initialBackoff = initialBackoff;
    c.maxBackoff = maxBackoff;
    c.requestTimeout = requestTimeout;
    c.dlqBootstrapServers = dlqBootstrapServers;
    c.historyTtl = historyTtl;
    return c;
  }

  @Override
  public String toString() {
    return "CassandraSinkOptions{contactPoints="
        + contactPoints
        + ", dc="
        + localDatacenter
        + ", keyspace="
        + keyspace
        + ", consistency="
        + consistency
        + ", maxInFlight="
        + maxInFlight
        + ", maxRetries="
        + maxRetries
        + ", backoff="
        + initialBackoff
        + ".."
        + maxBackoff
        + ", requestTimeout="
        + requestTimeout
        + ", dlq="
        + dlqBootstrapServers
        + "}";
  }
}
