package io.playstream.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ExpandWildcard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes daily indices ({@code <prefix>-yyyy.MM.dd}) older than the retention ({@code
 * elasticsearch.retention}, 7 days by default): the cleanup task that index lifecycle management
 * would be, which this node does not have (no x-pack).
 *
 * <p>An index is deleted once its whole day lies before {@code now - retention}, judged by the date
 * in its name (not its creation time, so a replay into an old day's index does not keep it alive).
 * Only indices whose names start with one of the prefixes and end in a valid date are touched. Run
 * it once ({@link #runOnce()}, the CLI) or periodically ({@link #schedule}).
 */
public final class IndexRetention {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRetention.class);

  private final ElasticsearchClient client;
  private final List<String> prefixes;
  private final Duration retention;
  private final Clock clock;

  /**
   * @param prefixes daily index prefixes, e.g. {@link IndexTemplates#DAILY_PREFIXES}
   * @param retention how long an index is kept after its day ended
   */
  public IndexRetention(
      ElasticsearchClient client, Collection<String> prefixes, Duration retention, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.prefixes = List.copyOf(prefixes);
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative: " + retention);
    }
    for (String p : this.prefixes) {
      if (p.isEmpty() || p.contains("*")) {
        throw new IllegalArgumentException("not an index prefix: " + p);
      }
    }
  }

  /** Retention of the platform's daily indices (metrics and alerts) on the system clock. */
  public static IndexRetention of(ElasticsearchClient client, Duration retention) {
    return new IndexRetention(client, IndexTemplates.DAILY_PREFIXES, retention, Clock.systemUTC());
  }

  /**
   * The daily indices among {@code names} that are past retention at {@code now}, sorted. Pure: the
   * selection {@link #runOnce()} deletes.
   */
  public static List<String> expired(
      Collection<String> names, Collection<String> prefixes, Instant now, Duration retention) {
    Instant cutoff = now.minus(retention);
    List<String> out = new ArrayList<>();
    for (String name : names) {
      Optional<String> prefix = DailyIndex.prefixOf(name);
      Optional<LocalDate> day = DailyIndex.dayOf(name);
      if (prefix.isEmpty() || day.isEmpty() || !prefixes.contains(prefix.get())) {
        continue;
      }
      Instant dayEnd = day.get().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (!dayEnd.isAfter(cutoff)) {
        out.add(name);
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Lists the daily indices and deletes the expired ones (by name).
   *
   * @return the deleted indices
   * @throws UncheckedIOException when Elasticsearch cannot be reached
   */
  public List<String> runOnce() {
    try {
      List<String> names = new ArrayList<>();
      for (String prefix : prefixes) {
        names.addAll(
            client
                .indices()
                .get(
                    g ->
                        g.index(prefix + "-*")
                            .allowNoIndices(true)
                            .ignoreUnavailable(true)
                            .expandWildcards(ExpandWildcard.Open, ExpandWildcard.Closed))
                .result()
                .keySet());
      }
      List<String> expired = expired(names, prefixes, clock.instant(), retention);
      if (!expired.isEmpty()) {
        client.indices().delete(d -> d.index(expired));
        LOG.info("deleted {} indices past retention {}: {}", expired.size(), retention, expired);
      }
      return expired;
    } catch (IOException e) {
      throw new UncheckedIOException("index retention could not reach Elasticsearch", e);
    }
  }

  /**
   * Runs {@link #runOnce()} now and then every {@code period} on {@code executor}; a failed run is
   * logged and the next one tries again.
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration period) {
    return executor.scheduleWithFixedDelay(
        () -> {
          try {
            runOnce();
          } catch (RuntimeException e) {
            LOG.warn("index retention run failed; next try in {}: {}", period, e.toString());
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
