package io.playstream.services.recommendations;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recs_by_profile} in Cassandra through the DataStax driver 4.x: one prepared {@code SELECT}
 * by partition key, executed asynchronously with the configured timeout.
 *
 * <p>Connecting never blocks nor fails the service: {@link #connect} starts an asynchronous attempt
 * and, while no node answers, tries again after {@code reconnectInterval}, doubling the wait up to
 * a minute; until then {@link #find} fails at once (the caller falls back). Once connected, the
 * driver reconnects to a node that went away by itself. The statement is prepared on first use and
 * again after a failed preparation (the recommendation job may create the table after the catalog
 * started).
 */
public final class CassandraRecsStore implements RecsStore {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraRecsStore.class);

  /** Longest wait between two connection attempts. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(1);

  private final RecommendationsConfig config;
  private final String select;
  private final ScheduledExecutorService reconnects;
  private final AtomicReference<CompletableFuture<PreparedStatement>> prepared =
      new AtomicReference<>();
  private volatile CqlSession session;
  private volatile String lastConnectError = "connecting";
  private volatile boolean closed;
  private int failedAttempts;

  private CassandraRecsStore(RecommendationsConfig config) {
    this.config = config;
    this.select =
        "SELECT generated_at, model_version, source, titles FROM "
            + config.keyspace()
            + ".recs_by_profile WHERE profile_id = ?";
    this.reconnects =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "recs-cassandra-connect");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts connecting (in the background) and returns at once. */
  public static CassandraRecsStore connect(RecommendationsConfig config) {
    if (!config.configured()) {
      throw new IllegalArgumentException("no Cassandra contact points configured");
    }
    CassandraRecsStore store = new CassandraRecsStore(config);
    store.attempt();
    return store;
  }

  /** Whether a session is open. */
  public boolean connected() {
    return session != null;
  }

  @Override
  public CompletionStage<Optional<RecsRow>> find(String key) {
    CqlSession s = session;
    if (s == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "not connected to Cassandra at " + points() + " (" + lastConnectError + ")"));
    }
    return statement(s)
        .thenCompose(ps -> s.executeAsync(ps.bind(key).setTimeout(config.timeout())))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> toRow(key, r)));
  }

  @Override
  public String describe() {
    return "cassandra " + points() + " keyspace " + config.keyspace();
  }

  @Override
  public void close() {
    closed = true;
    reconnects.shutdownNow();
    CqlSession s = session;
    session = null;
    if (s != null) {
      try {
        s.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("closing the Cassandra session failed: {}", e.toString());
        s.forceCloseAsync();
      }
    }
  }

  private CompletionStage<PreparedStatement> statement(CqlSession s) {
    CompletableFuture<PreparedStatement> current = prepared.get();
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    CompletableFuture<PreparedStatement> next = s.prepareAsync(select).toCompletableFuture();
    return prepared.compareAndSet(current, next) ? next : prepared.get();
  }

  static RecsRow toRow(String key, Row r) {
    List<RecsRow.Scored> titles = new ArrayList<>();
    List<UdtValue> list = r.getList("titles", UdtValue.class);
    if (list != null) {
      for (UdtValue u : list) {
        String id = u.getString("title_id");
        if (id != null) {
          titles.add(new RecsRow.Scored(id, u.getDouble("score")));
        }
      }
    }
    Instant at = r.getInstant("generated_at");
    return new RecsRow(
        key,
        at == null ? Instant.EPOCH : at,
        r.getString("model_version"),
        r.getString("source"),
        titles);
  }

  private void attempt() {
    if (closed) {
      return;
    }
    CompletionStage<CqlSession> building;
    try {
      building =
          CqlSession.builder()
              .withClassLoader(CassandraRecsStore.class.getClassLoader())
              .withConfigLoader(driverConfig(config))
              .addContactPoints(
                  config.contactPoints().stream()
                      .map(a -> new InetSocketAddress(a.getHostString(), a.getPort()))
                      .toList())
              .withLocalDatacenter(config.localDatacenter())
              .withApplicationName("playstream-catalog")
              .buildAsync();
    } catch (RuntimeException e) {
      retryLater(e);
      return;
    }
    building.whenComplete(
        (s, e) -> {
          if (e != null) {
            retryLater(e);
            return;
          }
          if (closed) {
            s.closeAsync();
            return;
          }
          session = s;
          LOG.info("recommendations: connected to Cassandra at {}", points());
        });
  }

  private synchronized void retryLater(Throwable e) {
    lastConnectError = e.getClass().getSimpleName() + ": " + e.getMessage();
    failedAttempts++;
    if (failedAttempts == 1) {
      LOG.warn(
          "recommendations: cannot connect to Cassandra at {} ({}); serving the fallback and"
              + " trying again after {} (then less often)",
          points(),
          lastConnectError,
          config.reconnectInterval());
    } else {
      LOG.debug("recommendations: connection attempt {} failed: {}", failedAttempts, e.toString());
    }
    if (!closed) {
      // the driver logs each failed attempt: back off (doubling, at most a minute) while down
      long delay =
          Math.min(
              config.reconnectInterval().toMillis() << Math.min(failedAttempts - 1, 10),
              Math.max(MAX_RECONNECT_DELAY.toMillis(), config.reconnectInterval().toMillis()));
      try {
        reconnects.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closed meanwhile
      }
    }
  }

  private String points() {
    return config.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort())
        .collect(Collectors.joining(","));
  }

  private static DriverConfigLoader driverConfig(RecommendationsConfig c) {
    Duration reconnectMax = c.reconnectInterval();
    return DriverConfigLoader.programmaticBuilder(CassandraRecsStore.class.getClassLoader())
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, c.timeout())
        // recommendations are a best-effort read: one replica is enough
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_ONE")
        .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
        .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(2))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(2))
        // after a node came back, find it again within the reconnect interval
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, reconnectMax)
        // no schema metadata needed: result rows carry their UDT definitions
        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
        .withInt(DefaultDriverOption.NETTY_IO_SIZE, 2)
        .withInt(DefaultDriverOption.NETTY_ADMIN_SIZE, 1)
        .withString(DefaultDriverOption.SESSION_NAME, "catalog-recommendations")
        .build();
  }
}
