package io.playstream.services.recommendations;

import com.fasterxml.jackson.annotation.JsonValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.playstream.services.catalog.Title;
import io.playstream.services.common.Breakers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /recommendations/{profile_id}} answers: the profile's row of {@code
 * recs_by_profile}, read through a circuit breaker and a time limiter, with fallbacks so that the
 * page always renders.
 *
 * <ol>
 *   <li>{@code personalized}: the profile's row, less the titles the catalog no longer has or does
 *       not license in the requested country.
 *   <li>{@code trending}: no row for the profile (cold start): its country's trending list ({@code
 *       trending:<country>}, else {@code trending:*}), from the cache or read once and cached.
 *   <li>{@code trending-fallback}: Cassandra slow, failing, not connected or the circuit open: the
 *       cached trending list of the country, else the global one.
 *   <li>{@code catalog-fallback}: nothing cached (or no trending list exists yet, or no Cassandra
 *       is configured): catalog titles licensed in the country, in id order.
 * </ol>
 *
 * Trending lists are cached in memory (Caffeine, bounded, no expiry: a stale list beats none) and
 * re-read every {@code trendingRefresh} while the circuit is closed. Reads never block a request
 * longer than the configured timeout. The breaker's state and the answers by source are exposed as
 * metrics.
 */
public final class Recommendations implements AutoCloseable {
  /** Titles answered when the request names no limit. */
  public static final int DEFAULT_LIMIT = 20;

  /** Most titles one answer may hold. */
  public static final int MAX_LIMIT = 100;

  /** Key prefix of the trending rows the recommendation job writes. */
  public static final String TRENDING_PREFIX = "trending:";

  /** The trending list over all countries ({@code trending:*}). */
  public static final String ALL_COUNTRIES = "*";

  /** Model version of a catalog fallback list. */
  public static final String CATALOG_MODEL = "catalog";

  /** Profile ids: what the services hand out, never the reserved trending keys. */
  public static final Pattern PROFILE_ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
  private static final Logger LOG = LoggerFactory.getLogger(Recommendations.class);

  /** Which list answered. */
  public enum Source {
    PERSONALIZED("personalized"),
    TRENDING("trending"),
    TRENDING_FALLBACK("trending-fallback"),
    CATALOG_FALLBACK("catalog-fallback");

    private final String wire;

    Source(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }
  }

  /** Why a fallback answered (null in answers that are not fallbacks). */
  public enum FallbackReason {
    /** No Cassandra configured for this service. */
    NOT_CONFIGURED("not-configured"),
    /** The read did not answer within the timeout. */
    TIMEOUT("timeout"),
    /** The circuit breaker is open: Cassandra is not asked for a while. */
    CIRCUIT_OPEN("circuit-open"),
    /** The read failed (node down, not connected, query error). */
    STORE_ERROR("store-error"),
    /** Cassandra answered, but holds no trending list yet (the job has not written one). */
    NO_TRENDING("no-trending");

    private final String wire;

    FallbackReason(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }
  }

  /**
   * One recommended title.
   *
   * @param titleId catalog title id
   * @param name the catalog's name, or null when the catalog could not be asked
   * @param score relevance, comparable within one answer (0 for catalog fallback titles)
   */
  public record Item(String titleId, String name, double score) {}

  /**
   * The answer.
   *
   * @param profileId the profile
   * @param country the country the list was filtered for, or null
   * @param source which list answered
   * @param modelVersion models behind the list ({@code knn+als-<version>}, {@code knn}, {@code
   *     trending}, {@code catalog})
   * @param generatedAt when the list was computed
   * @param fallbackReason why a fallback answered, or null
   * @param circuit the circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN};
   *     {@code DISABLED} without Cassandra)
   * @param titles best first
   */
  public record Response(
      String profileId,
      String country,
      Source source,
      String modelVersion,
      Instant generatedAt,
      FallbackReason fallbackReason,
      String circuit,
      List<Item> titles) {}

  /** The catalog as the endpoint needs it. */
  public interface Titles {
    /** Of these ids, the titles the catalog has. */
    Map<String, Title> find(Collection<String> titleIds);

    /** Up to {@code limit} titles licensed in {@code country} (any, when null), stable order. */
    List<Title> fallback(String country, int limit);
  }

  /** A read that did not give an answer. */
  private static final class StoreFailure extends Exception {
    final FallbackReason reason;

    StoreFailure(FallbackReason reason, Throwable cause) {
      super(reason.wire(), cause, false, false);
      this.reason = reason;
    }
  }

  private final RecsStore store;
  private final RecommendationsConfig config;
  private final Titles titles;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final TimeLimiter timeLimiter;
  private final ScheduledExecutorService timeouts;
  private final ScheduledExecutorService refresher;
  private final AtomicLong refreshes = new AtomicLong();
  private final Cache<String, RecsRow> trending = Caffeine.newBuilder().maximumSize(1_000).build();
  private final Set<String> wantedCountries = ConcurrentHashMap.newKeySet();
  private final Map<Source, Counter> servedCounters = new EnumMap<>(Source.class);
  private final Map<Source, AtomicLong> served = new EnumMap<>(Source.class);
  private final Counter filteredOut;
  private final MeterRegistry registry;

  /**
   * Creates the endpoint's logic and starts the periodic trending refresh.
   *
   * @param store where rows are read, or null when no Cassandra is configured
   * @param config timeouts, breaker thresholds, refresh interval
   * @param titles the catalog
   * @param clock the breaker's clock and the time of catalog fallback lists
   * @param registry where metrics go
   */
  public Recommendations(
      RecsStore store,
      RecommendationsConfig config,
      Titles titles,
      Clock clock,
      MeterRegistry registry) {
    this.store = store;
    this.config = config;
    this.titles = titles;
    this.clock = clock;
    this.registry = registry;
    this.breaker =
        Breakers.circuitBreaker(
            "recommendations",
            config.breakerWindow(),
            config.breakerMinimumCalls(),
            config.breakerFailureRate(),
            config.breakerOpenWait(),
            clock);
    this.timeLimiter = Breakers.timeLimiter("recommendations", config.timeout());
    // the time limiter's timeouts must never wait behind a refresh that waits on a timeout
    this.timeouts = Executors.newSingleThreadScheduledExecutor(daemon("recommendations-timeouts"));
    this.refresher = Executors.newSingleThreadScheduledExecutor(daemon("recommendations-refresh"));
    for (Source s : Source.values()) {
      served.put(s, new AtomicLong());
      servedCounters.put(
          s,
          Counter.builder("playstream.recommendations.served")
              .tag("source", s.wire())
              .description("Recommendation answers by the list that served them")
              .register(registry));
    }
    this.filteredOut =
        Counter.builder("playstream.recommendations.titles.filtered")
            .description("Titles dropped from a list: gone from the catalog or not licensed")
            .register(registry);
    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
      Gauge.builder(
              "playstream.recommendations.circuit.state",
              this,
              r -> r.circuitState().equals(state.name()) ? 1 : 0)
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .description("1 for the current state of the Cassandra circuit breaker")
          .register(registry);
    }
    Gauge.builder("playstream.recommendations.circuit.open", this, r -> r.circuitOpen() ? 1 : 0)
        .description("1 while the Cassandra circuit breaker does not let reads through")
        .register(registry);
    Gauge.builder("playstream.recommendations.trending.cached", trending, Cache::estimatedSize)
        .description("Trending lists cached for the fallback")
        .register(registry);
    if (store != null) {
      long every = config.trendingRefresh().toMillis();
      refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, every, TimeUnit.MILLISECONDS);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Checks a profile id from a path.
   *
   * @return the id
   * @throws IllegalArgumentException with a message for the caller
   */
  public static String checkProfileId(String profileId) {
    if (profileId == null || !PROFILE_ID.matcher(profileId).matches()) {
      throw new IllegalArgumentException(
          "profile_id must be 1-128 letters, digits, '.', '_', '@', ':' or '-'");
    }
    if (profileId.startsWith(TRENDING_PREFIX)) {
      throw new IllegalArgumentException(
          "profile_id must not start with '" + TRENDING_PREFIX + "'");
    }
    return profileId;
  }

  /**
   * Checks an optional country.
   *
   * @return the upper-case ISO code, or null when {@code country} is null or blank
   * @throws IllegalArgumentException when it is not two letters
   */
  public static String checkCountry(String country) {
    if (country == null || country.isBlank()) {
      return null;
    }
    if (!COUNTRY.matcher(country.trim()).matches()) {
      throw new IllegalArgumentException(
          "country must be a two-letter ISO 3166 code such as US, got '" + country + "'");
    }
    return country.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * The profile's recommendations; never fails and never waits on Cassandra longer than the
   * timeout.
   *
   * @param profileId a checked profile id
   * @param country upper-case ISO country, or null
   * @param limit at most this many titles (1..{@value #MAX_LIMIT})
   */
  public Response recommend(String profileId, String country, int limit) {
    if (country != null) {
      wantedCountries.add(country);
    }
    if (store == null) {
      return fallback(profileId, country, limit, FallbackReason.NOT_CONFIGURED);
    }
    try {
      Optional<RecsRow> row = read(profileId);
      if (row.isPresent()) {
        List<Item> items = filter(row.get().titles(), country, limit);
        if (!items.isEmpty()) {
          return answer(profileId, country, Source.PERSONALIZED, row.get(), items, null);
        }
      }
      Optional<RecsRow> list = trendingFor(country);
      if (list.isPresent()) {
        List<Item> items = filter(list.get().titles(), country, limit);
        if (!items.isEmpty()) {
          return answer(profileId, country, Source.TRENDING, list.get(), items, null);
        }
      }
      return catalogFallback(profileId, country, limit, FallbackReason.NO_TRENDING);
    } catch (StoreFailure f) {
      return fallback(profileId, country, limit, f.reason);
    }
  }

  /**
   * Re-reads every cached (and every requested) country's trending list and the global one, while
   * the circuit is closed; stops at the first failure.
   *
   * @return lists read
   */
  public int refreshTrending() {
    if (store == null || breaker.getState() != CircuitBreaker.State.CLOSED) {
      return 0;
    }
    Set<String> keys = new TreeSet<>(wantedCountries);
    keys.addAll(trending.asMap().keySet());
    keys.add(ALL_COUNTRIES);
    int read = 0;
    for (String country : keys) {
      try {
        Optional<RecsRow> row = read(TRENDING_PREFIX + country);
        row.ifPresent(r -> trending.put(country, r));
        read++;
      } catch (StoreFailure f) {
        LOG.debug("trending refresh stopped: {}", f.reason.wire());
        break;
      }
    }
    return read;
  }

  /** The breaker's state name, or {@code DISABLED} when no Cassandra is configured. */
  public String circuitState() {
    return store == null ? CircuitBreaker.State.DISABLED.name() : breaker.getState().name();
  }

  /** The circuit breaker (tests and metrics). */
  public CircuitBreaker breaker() {
    return breaker;
  }

  /** Answers so far by source, e.g. {@code {"personalized": 12, ...}}. */
  public Map<String, Long> served() {
    Map<String, Long> out = new LinkedHashMap<>();
    served.forEach((s, n) -> out.put(s.wire(), n.get()));
    return out;
  }

  /** Countries (and {@code *}) whose trending list is cached. */
  public Set<String> cachedTrending() {
    return new TreeSet<>(trending.asMap().keySet());
  }

  /** Where rows are read from. */
  public String describeStore() {
    return store == null ? "not configured" : store.describe();
  }

  /** Periodic trending refreshes completed so far (the first runs at start). */
  public long refreshes() {
    return refreshes.get();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    timeouts.shutdownNow();
    if (store != null) {
      store.close();
    }
  }

  private boolean circuitOpen() {
    if (store == null) {
      return false;
    }
    CircuitBreaker.State s = breaker.getState();
    return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN;
  }

  private void refreshQuietly() {
    try {
      refreshTrending();
    } catch (RuntimeException e) {
      LOG.warn("trending refresh failed", e);
    } finally {
      refreshes.incrementAndGet();
    }
  }

  /** The trending list of the country (else the global one): cached, else read and cached. */
  private Optional<RecsRow> trendingFor(String country) throws StoreFailure {
    List<String> keys = country == null ? List.of(ALL_COUNTRIES) : List.of(country, ALL_COUNTRIES);
    for (String c : keys) {
      RecsRow cached = trending.getIfPresent(c);
      if (cached != null) {
        return Optional.of(cached);
      }
      Optional<RecsRow> row = read(TRENDING_PREFIX + c);
      if (row.isPresent()) {
        trending.put(c, row.get());
        return row;
      }
    }
    return Optional.empty();
  }

  /** One read through the breaker and the time limiter. */
  private Optional<RecsRow> read(String key) throws StoreFailure {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      CompletableFuture<Optional<RecsRow>> f =
          CircuitBreaker.decorateCompletionStage(
                  breaker, () -> timeLimiter.executeCompletionStage(timeouts, () -> find(key)))
              .get()
              .toCompletableFuture();
      // the time limiter completes the stage after the timeout; this bound is only a backstop
      Optional<RecsRow> row = f.get(config.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
      outcome = row.isPresent() ? "found" : "missing";
      return row;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreFailure(FallbackReason.TIMEOUT, e);
    } catch (TimeoutException e) {
      outcome = "timeout";
      throw new StoreFailure(FallbackReason.TIMEOUT, e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof CallNotPermittedException) {
        outcome = "rejected";
        throw new StoreFailure(FallbackReason.CIRCUIT_OPEN, cause);
      }
      if (cause instanceof TimeoutException) {
        outcome = "timeout";
        throw new StoreFailure(FallbackReason.TIMEOUT, cause);
      }
      LOG.debug("recommendations read of {} failed: {}", key, cause.toString());
      throw new StoreFailure(FallbackReason.STORE_ERROR, cause);
    } finally {
      sample.stop(
          Timer.builder("playstream.recommendations.store.reads")
              .tag("outcome", outcome)
              .description("Reads of recs_by_profile by outcome")
              .register(registry));
    }
  }

  private java.util.concurrent.CompletionStage<Optional<RecsRow>> find(String key) {
    try {
      return store.find(key);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private Response fallback(String profile, String country, int limit, FallbackReason reason) {
    List<String> keys = country == null ? List.of(ALL_COUNTRIES) : List.of(country, ALL_COUNTRIES);
    for (String c : keys) {
      RecsRow cached = trending.getIfPresent(c);
      if (cached != null) {
        List<Item> items = filter(cached.titles(), country, limit);
        if (!items.isEmpty()) {
          return answer(profile, country, Source.TRENDING_FALLBACK, cached, items, reason);
        }
      }
    }
    return catalogFallback(profile, country, limit, reason);
  }

  private Response catalogFallback(
      String profile, String country, int limit, FallbackReason reason) {
    List<Item> items = new ArrayList<>();
    try {
      for (Title t : titles.fallback(country, limit)) {
        items.add(new Item(t.titleId(), t.name(), 0.0));
      }
    } catch (RuntimeException e) {
      LOG.warn("catalog fallback titles unavailable: {}", e.toString());
    }
    RecsRow none = new RecsRow("catalog", clock.instant(), CATALOG_MODEL, "catalog", List.of());
    return answer(profile, country, Source.CATALOG_FALLBACK, none, items, reason);
  }

  /** The list less titles the catalog does not have (or not in the country), at most limit. */
  private List<Item> filter(List<RecsRow.Scored> list, String country, int limit) {
    Map<String, Title> known = null;
    try {
      known = titles.find(list.stream().map(RecsRow.Scored::titleId).toList());
    } catch (RuntimeException e) {
      // the page still renders: serve the list unfiltered, without names
      LOG.debug("catalog lookup failed, list not filtered: {}", e.toString());
    }
    List<Item> out = new ArrayList<>(Math.min(limit, list.size()));
    for (RecsRow.Scored s : list) {
      if (out.size() >= limit) {
        break;
      }
      if (known == null) {
        out.add(new Item(s.titleId(), null, s.score()));
        continue;
      }
      Title t = known.get(s.titleId());
      if (t == null || (country != null && !t.licensedIn(country))) {
        filteredOut.increment();
        continue;
      }
      out.add(new Item(s.titleId(), t.name(), s.score()));
    }
    return out;
  }

  private Response answer(
      String profile,
      String country,
      Source source,
      RecsRow row,
      List<Item> items,
      FallbackReason reason) {
    served.get(source).incrementAndGet();
    servedCounters.get(source).increment();
    return new Response(
        profile,
        country,
        source,
        row.modelVersion(),
        row.generatedAt(),
        reason,
        circuitState(),
        List.copyOf(items));
  }
}
