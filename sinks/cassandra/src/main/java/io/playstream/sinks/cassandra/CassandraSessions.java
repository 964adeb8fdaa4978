package io.playstream.sinks.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Opens driver sessions from {@link CassandraSinkOptions}: the sink's writers (one session per
 * task, opened on the task, never serialized), the schema tool, tests and the bench.
 *
 * <p>The driver's defaults come from its {@code reference.conf}, loaded through this class's class
 * loader so the shaded job jar finds it on a Flink cluster's user-code class loader.
 */
public final class CassandraSessions {
  /** Timeout of requests that are not sink writes (prepare, schema, reads of tools and tests). */
  public static final Duration SESSION_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private CassandraSessions() {}

  /**
   * A session with the options' contact points, local datacenter and consistency (no keyspace:
   * statements name it).
   */
  public static CqlSession open(CassandraSinkOptions options, String clientName) {
    options.validate();
    ClassLoader loader = CassandraSessions.class.getClassLoader();
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder(loader)
            // prepares and schema statements; each write carries its own timeout
            // (CassandraSinkOptions#requestTimeout)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, SESSION_REQUEST_TIMEOUT)
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, options.consistency)
            .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
            // DDL (schema migrations) waits for agreement; a dev node answers at once
            .withDuration(
                DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
            // a DDL statement completes after the driver refreshed its schema metadata; the
            // default 1 s debounce window made every CREATE TABLE of a migration take a second
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
            .withDuration(
                DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_INTERVAL, Duration.ofMillis(50))
            // two IO threads are plenty for one sink task; the default is twice the cores
            .withInt(DefaultDriverOption.NETTY_IO_SIZE, 2)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SIZE, 1)
            .withString(DefaultDriverOption.SESSION_NAME, clientName)
            .build();
    List<InetSocketAddress> points =
        options.contactPointAddresses().stream()
            .map(a -> new InetSocketAddress(a.getHostString(), a.getPort()))
            .toList();
    return CqlSession.builder()
        .withClassLoader(loader)
        .withConfigLoader(config)
        .addContactPoints(points)
        .withLocalDatacenter(options.localDatacenter)
        .withApplicationName("playstream")
        .build();
  }
}
