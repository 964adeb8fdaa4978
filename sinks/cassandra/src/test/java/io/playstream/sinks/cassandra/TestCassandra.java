package io.playstream.sinks.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Options and keyspaces on the test node of {@link LocalCassandraExtension}. */
final class TestCassandra {
  private static final AtomicInteger KEYSPACES = new AtomicInteger();

  private TestCassandra() {}

  /**
   * Sink options pointing at the test node, no dead-letter topic; retries sized so that a busy
   * build machine (slow writes timing out now and then) does not dead-letter anything.
   */
  static CassandraSinkOptions options(LocalCassandraExtension node, String keyspace) {
    CassandraSinkOptions o = new CassandraSinkOptions();
    o.contactPoints = node.contactPoints();
    o.localDatacenter = node.localDatacenter();
    o.keyspace = keyspace;
    o.maxInFlight = 64;
    o.maxRetries = 5;
    o.initialBackoff = Duration.ofMillis(100);
    o.maxBackoff = Duration.ofSeconds(2);
    return o.validate();
  }

  /** A new keyspace name, unique in this JVM. */
  static String keyspaceName(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() + "_" + KEYSPACES.incrementAndGet();
  }

  /** A new keyspace with the platform schema applied. */
  static String freshKeyspace(CqlSession session, String prefix) {
    String ks = keyspaceName(prefix);
    CqlSchema.apply(session, ks);
    return ks;
  }

  static CqlSession session(LocalCassandraExtension node) {
    return CassandraSessions.open(options(node, "playstream"), "test");
  }

  /** Rows of a table. */
  static long count(CqlSession session, String keyspace, String table) {
    return session.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0);
  }
}
