package io.playstream.services.catalog;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.playstream.events.EventHeader;
import io.playstream.schemas.Events;
import io.playstream.services.common.ApiException;
import io.playstream.services.common.ErrorResponse;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.JsonBody;
import io.playstream.services.common.RunningService;
import io.playstream.services.common.ServiceApp;
import io.playstream.services.common.TokenIssuer;
import io.playstream.services.common.TokenVerifier;
import io.playstream.services.recommendations.CassandraRecsStore;
import io.playstream.services.recommendations.Recommendations;
import io.playstream.services.recommendations.RecsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog service: serves titles and their availability per country, and accepts title changes
 * (scope {@code catalog:write}) that reach Kafka through the transactional outbox of {@link
 * TitleStore} and the {@link OutboxRelay}. Also hosts {@code GET /recommendations/{profile_id}}
 * ({@link Recommendations}): the catalog is where the titles of a list are checked and where the
 * last-resort list comes from, and no play depends on it.
 */
public final class CatalogService implements RunningService {
  /** Largest page {@code GET /v1/titles} answers. */
  public static final int MAX_LIMIT = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

  private final ServiceApp app;
  private final TitleStore store;
  private final OutboxRelay relay;
  private final TokenVerifier tokens;
  private final Clock clock;
  private final int seeded;
  private final Recommendations recommendations;

  private CatalogService(
      ServiceApp app,
      TitleStore store,
      OutboxRelay relay,
      TokenVerifier tokens,
      Clock clock,
      int seeded,
      Recommendations recommendations) {
    this.app = app;
    this.store = store;
    this.relay = relay;
    this.tokens = tokens;
    this.clock = clock;
    this.seeded = seeded;
    this.recommendations = recommendations;
  }

  /**
   * Opens the store, seeds it when configured and empty, starts the outbox relay and serves.
   *
   * @param config configuration (port 0 = a free port)
   * @param emitter where title events go
   * @param clock time of event headers, store rows and token checks
   */
  public static CatalogService start(CatalogConfig config, EventEmitter emitter, Clock clock) {
    RecsStore recs =
        config.recommendations().configured()
            ? CassandraRecsStore.connect(config.recommendations())
            : null;
    try {
      return start(config, emitter, clock, recs);
    } catch (RuntimeException e) {
      if (recs != null) {
        recs.close();
      }
      throw e;
    }
  }

  /**
   * Starts the service with the given recommendations store.
   *
   * @param recsStore where {@code GET /recommendations} reads rows (closed with the service), or
   *     null for none (the endpoint serves its fallback only)
   */
  public static CatalogService start(
      CatalogConfig config, EventEmitter emitter, Clock clock, RecsStore recsStore) {
    TitleStore store =
        TitleStore.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), clock);
    ServiceApp app = new ServiceApp(CatalogOptions.SERVICE, config.instanceId(), emitter);
    app.onClose(store);
    try {
      int seeded = 0;
      if (config.seed()) {
        List<Title> titles = MovieLensTitles.load();
        seeded =
            store.seedIfEmpty(
                titles,
                () -> Events.newHeader(app.service(), app.instance(), clock.instant(), null));
        if (seeded > 0) {
          LOG.info("seeded {} MovieLens titles", seeded);
        }
      }
      OutboxRelay relay =
          new OutboxRelay(
              store,
              emitter,
              config.outboxBatchSize(),
              config.outboxPollInterval(),
              config.outboxRetryBackoff());
      app.onClose(relay);
      Recommendations recommendations =
          new Recommendations(
              recsStore, config.recommendations(), new StoreTitles(store), clock, app.registry());
      app.onClose(recommendations);
      CatalogService service =
          new CatalogService(
              app,
              store,
              relay,
              new TokenVerifier(config.authSecret(), clock),
              clock,
              seeded,
              recommendations);
      service.routes();
      relay.start();
      app.start(config.port());
      return service;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /** The store behind the service. */
  public TitleStore store() {
    return store;
  }

  /** The relay sending the outbox. */
  public OutboxRelay relay() {
    return relay;
  }

  /** The logic behind {@code GET /recommendations/{profile_id}}. */
  public Recommendations recommendations() {
    return recommendations;
  }

  /** Titles seeded at this start (0 when the store already held titles or seeding was off). */
  public int seeded() {
    return seeded;
  }

  @Override
  public int port() {
    return app.port();
  }

  @Override
  public String url() {
    return app.url();
  }

  @Override
  public void close() {
    app.close();
  }

  private void routes() {
    var http = app.http();
    http.get("/v1/titles", this::list);
    http.get("/v1/titles/{title_id}", this::get);
    http.get("/v1/titles/{title_id}/availability", this::availability);
    http.put("/v1/titles/{title_id}", this::put);
    http.delete("/v1/titles/{title_id}", this::delete);
    http.get("/v1/recommendations/{profile_id}", this::recommend);
    http.get("/recommendations/{profile_id}", this::recommend);
    http.exception(
        TitleStore.StoreException.class,
        (e, ctx) -> {
          LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          ctx.status(503).json(new ErrorResponse("catalog store unavailable", null));
        });
    app.stat("outbox_pending", store::outboxSize);
    app.stat("outbox_relayed", relay::relayed);
    app.stat("recommendations_store", recommendations::describeStore);
    app.stat("recommendations_circuit", recommendations::circuitState);
    app.stat("recommendations_served", recommendations::served);
    app.stat("recommendations_trending_cached", recommendations::cachedTrending);
    Gauge.builder("playstream.outbox.pending", store, TitleStore::outboxSize)
        .description("Catalog outbox rows not yet acknowledged by Kafka")
        .register(app.registry());
    FunctionCounter.builder("playstream.outbox.relayed", relay, OutboxRelay::relayed)
        .description("Catalog outbox rows sent and acknowledged")
        .register(app.registry());
  }

  private void list(Context ctx) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", 100, 1, MAX_LIMIT);
    TitleStore.Page page = store.list(offset, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("titles", page.titles());
    body.put("total", page.total());
    body.put("offset", offset);
    body.put("limit", limit);
    ctx.json(body);
  }

  private void get(Context ctx) {
    ctx.json(find(ctx.pathParam("title_id")));
  }

  private void availability(Context ctx) {
    Title title = find(ctx.pathParam("title_id"));
    String country = ctx.queryParam("country");
    if (country == null || !country.matches("[A-Za-z]{2}")) {
      throw ApiException.badRequest(
          "query parameter country must be a two-letter ISO country code", "country");
    }
    country = country.toUpperCase(Locale.ROOT);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title_id", title.titleId());
    body.put("country", country);
    body.put("available", title.licensedIn(country));
    ctx.json(body);
  }

  private void put(Context ctx) {
    tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_CATALOG_WRITE);
    Title title = Title.fromBody(JsonBody.parse(ctx.body()), ctx.pathParam("title_id"));
    boolean created = store.upsert(title, header(ctx));
    ctx.status(created ? 201 : 200).json(title);
  }

  private void delete(Context ctx) {
    tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_CATALOG_WRITE);
    String id = Title.checkId(ctx.pathParam("title_id"));
    String reason = ctx.queryParam("reason");
    if (!store.delete(id, reason, header(ctx))) {
      throw ApiException.notFound("unknown title " + id, "title_id");
    }
    ctx.status(204);
  }

  private void recommend(Context ctx) {
    var caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    String profile;
    String country;
    try {
      profile = Recommendations.checkProfileId(ctx.pathParam("profile_id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "profile_id");
    }
    try {
      country = Recommendations.checkCountry(ctx.queryParam("country"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "country");
    }
    int limit = intParam(ctx, "limit", Recommendations.DEFAULT_LIMIT, 1, Recommendations.MAX_LIMIT);
    caller.requireProfile(profile);
    ctx.json(recommendations.recommend(profile, country, limit));
  }

  private Title find(String titleId) {
    String id = Title.checkId(titleId);
    return store
        .get(id)
        .orElseThrow(() -> ApiException.notFound("unknown title " + id, "title_id"));
  }

  private EventHeader header(Context ctx) {
    String trace = ServiceApp.traceId(ctx);
    return Events.newHeader(app.service(), app.instance(), clock.instant(), trace);
  }

  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw ApiException.badRequest(
            name + " must be between " + min + " and " + max + ", got " + v, name);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, got '" + raw + "'", name);
    }
  }

  /**
   * The title store as the recommendations endpoint sees it; the last-resort lists (titles in id
   * order, licensed in the country) are kept a minute per country.
   */
  private static final class StoreTitles implements Recommendations.Titles {
    private static final int PAGE = MAX_LIMIT;
    private final TitleStore store;
    private final LoadingCache<String, List<Title>> fallbackLists;

    StoreTitles(TitleStore store) {
      this.store = store;
      this.fallbackLists =
          Caffeine.newBuilder()
              .maximumSize(300)
              .expireAfterWrite(Duration.ofMinutes(1))
              .build(this::load);
    }

    @Override
    public Map<String, Title> find(Collection<String> titleIds) {
      return store.getAll(titleIds);
    }

    @Override
    public List<Title> fallback(String country, int limit) {
      List<Title> all = fallbackLists.get(country == null ? "*" : country);
      return all.subList(0, Math.min(limit, all.size()));
    }

    private List<Title> load(String country) {
      List<Title> out = new ArrayList<>();
      for (int offset = 0; out.size() < Recommendations.MAX_LIMIT; offset += PAGE) {
        List<Title> page = store.list(offset, PAGE).titles();
        for (Title t : page) {
          if (out.size() < Recommendations.MAX_LIMIT
              && ("*".equals(country) || t.licensedIn(country))) {
            out.add(t);
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
      return List.copyOf(out);
    }
  }
}
