package io.playstream.dashboard.live;

import io.playstream.dashboard.live.Rows.AlertRow;
import io.playstream.dashboard.live.Rows.CdnRow;
import io.playstream.dashboard.live.Rows.ConsumerRow;
import io.playstream.dashboard.live.Rows.CountryRow;
import io.playstream.dashboard.live.Rows.DeadLetterRow;
import io.playstream.dashboard.live.Rows.HealthChangeRow;
import io.playstream.dashboard.live.Rows.Kpis;
import io.playstream.dashboard.live.Rows.QualityRow;
import io.playstream.dashboard.live.Rows.SessionsRow;
import io.playstream.dashboard.live.Rows.SteeringRow;
import io.playstream.dashboard.live.Rows.Tables;
import io.playstream.dashboard.live.Rows.TitleRow;
import io.playstream.dashboard.live.Rows.TrendingRow;
import io.playstream.events.AlertState;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.QualityDimension;
import io.playstream.events.RecommendedTitle;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.events.SteeringMetric;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The dashboard's in-memory state: a bounded {@link Ring} per live series (so a page opened now
 * gets the last minutes at once), the latest row per country, CDN server, ISP and job-output key,
 * recent alerts, trending lists, session and dead-letter counts. Fed by the metric consumer ({@link
 * #accept}); every changed series point is handed to the listener ({@link #onPoint}), which pushes
 * it to open pages.
 *
 * <p>Metric windows are idempotent here: a window's point is keyed by its start and its parts (one
 * SpsMetric per device type, one quality metric per server) replace each other, so reading a topic
 * again does not double count. Session summaries are counted (the sessionizer writes each once).
 *
 * <p>Thread-safe: every method locks the store; the listener runs under the lock and must be quick.
 */
public final class LiveStore {
  private static final int MAX_ALERTS = 200;
  private static final int MAX_ALERT_EVENTS = 50;
  private static final int MAX_HEALTH_CHANGES = 20;
  private static final int MAX_TITLE_NAMES = 200_000;
  private static final int TOP_TITLES = 10;
  private static final long MINUTE = 60_000L;
  private static final String TRENDING_PREFIX = "trending:";

  private final int maxPoints;
  private final long spanMillis;
  private final int trendingSize;
  private final Clock clock;
  private volatile Consumer<PointUpdate> listener = u -> {};
  private long version;

  private final Map<String, Map<String, Ring<Double>>> series = new TreeMap<>();
  private final Map<String, Ring<SpsWindow>> spsWindows = new TreeMap<>();
  private final Ring<Map<String, long[]>> rebufferTotal;
  private final Map<String, QualityRow> quality = new TreeMap<>();
  private final Map<String, CdnRow> cdn = new TreeMap<>();
  private SteeringRow steering;
  private final Deque<HealthChangeRow> healthChanges = new ArrayDeque<>();
  private final LinkedHashMap<String, AlertRow> alerts = new LinkedHashMap<>();
  private final Ring<SessionBucket> sessionMinutes;
  private final Map<String, TrendingRow> trending = new TreeMap<>();
  private final Map<String, String> titleNames = new HashMap<>();
  private long deadLetters;
  private final Map<String, Long> deadLettersByReason = new TreeMap<>();
  private final Map<String, Long> deadLettersByRoute = new TreeMap<>();
  private final Map<String, Long> deadLettersBySource = new TreeMap<>();
  private Long lastDeadLetterAt;
  private final Map<String, Long> recordsByTopic = new TreeMap<>();
  private final Map<String, Long> undecodableByTopic = new TreeMap<>();
  private Long lastRecordAt;

  /**
   * @param maxPoints most points per series
   * @param spanMillis how far back (from each series' newest point) points are kept
   * @param trendingSize titles kept per trending list
   * @param clock the time of {@link Tables#generatedAt()}
   */
  public LiveStore(int maxPoints, long spanMillis, int trendingSize, Clock clock) {
    this.maxPoints = maxPoints;
    this.spanMillis = spanMillis;
    this.trendingSize = trendingSize;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rebufferTotal = new Ring<>(maxPoints, spanMillis);
    this.sessionMinutes = new Ring<>(maxPoints, spanMillis);
  }

  /** Sets who gets each changed point (the server-sent event feed). */
  public void onPoint(Consumer<PointUpdate> newListener) {
    this.listener = Objects.requireNonNull(newListener, "listener");
  }

  /** Changes with every accepted record: lets the feed skip unchanged table pushes. */
  public synchronized long version() {
    return version;
  }

  // ------------------------------------------------------------------ input

  /**
   * Takes one decoded record of a metric, alert, session, recommendation or catalog topic; other
   * types are ignored.
   *
   * @return whether the record was of a type the dashboard shows
   */
  public synchronized boolean accept(SpecificRecord record) {
    boolean used = true;
    if (record instanceof SpsMetric m) {
      sps(m);
    } else if (record instanceof PlaybackQualityMetric m) {
      quality(m);
    } else if (record instanceof CdnServerMetric m) {
      cdnServer(m);
    } else if (record instanceof SteeringMetric m) {
      steering(m);
    } else if (record instanceof CdnServerHealthChanged c) {
      healthChanged(c);
    } else if (record instanceof SpsAlert a) {
      alert(a);
    } else if (record instanceof PlaybackSessionSummary s) {
      session(s);
    } else if (record instanceof ProfileRecommendations r) {
      used = recommendations(r);
    } else if (record instanceof TitleUpserted t) {
      title(t);
    } else {
      used = false;
    }
    if (used) {
      version++;
    }
    return used;
  }

  /** Counts one dead letter by its {@code ps.dlq.*} headers. */
  public synchronized void deadLetter(Headers headers, long timestamp) {
    deadLetters++;
    increment(deadLettersByReason, header(headers, DeadLetterHeaders.REASON, "unknown"));
    String route = header(headers, DeadLetterHeaders.ROUTE, null);
    if (route != null) {
      increment(deadLettersByRoute, route);
    }
    increment(deadLettersBySource, header(headers, DeadLetterHeaders.SOURCE_TOPIC, "unknown"));
    lastDeadLetterAt = lastDeadLetterAt == null ? timestamp : Math.max(lastDeadLetterAt, timestamp);
    version++;
  }

  /** Counts a record read from {@code topic}, at its Kafka timestamp. */
  public synchronized void recordRead(String topic, long timestamp) {
    increment(recordsByTopic, topic);
    lastRecordAt = lastRecordAt == null ? timestamp : Math.max(lastRecordAt, timestamp);
  }

  /** Records read from every topic so far. */
  public synchronized long recordsRead() {
    return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records that did not decode so far. */
  public synchronized long undecodableRecords() {
    return undecodableByTopic.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Counts a record of {@code topic} that did not decode (skipped). */
  public synchronized void undecodable(String topic) {
    increment(undecodableByTopic, topic);
  }

  /**
   * Sets a point of a series that is not fed by records (route throughput from the Kafka poller).
   */
  public synchronized void point(String name, String key, long time, double value) {
    put(name, key, time, value);
  }

  // ------------------------------------------------------------------ output

  /** Every live series: name → key → points {@code [time, value]}, oldest first. */
  public synchronized Map<String, Map<String, List<double[]>>> series() {
    Map<String, Map<String, List<double[]>>> out = new TreeMap<>();
    series.forEach(
        (name, byKey) -> {
          Map<String, List<double[]>> keys = new TreeMap<>();
          byKey.forEach(
              (key, ring) -> {
                List<double[]> points = new ArrayList<>(ring.size());
                ring.entries().forEach(e -> points.add(new double[] {e.getKey(), e.getValue()}));
                keys.put(key, points);
              });
          out.put(name, keys);
        });
    return out;
  }

  /** The points of one series and key, oldest first (empty when unknown). */
  public synchronized List<double[]> series(String name, String key) {
    Ring<Double> ring = series.getOrDefault(name, Map.of()).get(key);
    List<double[]> points = new ArrayList<>();
    if (ring != null) {
      ring.entries().forEach(e -> points.add(new double[] {e.getKey(), e.getValue()}));
    }
    return points;
  }

  /** The title's name from the catalog topic, or null. */
  public synchronized String titleName(String titleId) {
    return titleNames.get(titleId);
  }

  /** Every live table now. */
  public synchronized Tables tables() {
    List<CountryRow> countries = countries();
    List<QualityRow> qualityRows = new ArrayList<>(quality.values());
    List<CdnRow> cdnRows = new ArrayList<>(cdn.values());
    List<AlertRow> alertRows = new ArrayList<>(alerts.values());
    alertRows.sort(Comparator.comparingLong(AlertRow::evaluatedAt).reversed());
    if (alertRows.size() > MAX_ALERT_EVENTS) {
      alertRows = new ArrayList<>(alertRows.subList(0, MAX_ALERT_EVENTS));
    }
    return new Tables(
        clock.millis(),
        kpis(countries, qualityRows, cdnRows),
        countries,
        qualityRows,
        cdnRows,
        steering,
        new ArrayList<>(healthChanges),
        alertRows,
        new ArrayList<>(trending.values()),
        sessions(),
        new DeadLetterRow(
            deadLetters,
            new TreeMap<>(deadLettersByReason),
            new TreeMap<>(deadLettersByRoute),
            new TreeMap<>(deadLettersBySource),
            lastDeadLetterAt),
        new ConsumerRow(
            new TreeMap<>(recordsByTopic), new TreeMap<>(undecodableByTopic), lastRecordAt));
  }

  // ------------------------------------------------------------------ SPS

  private void sps(SpsMetric m) {
    int w = m.getWindowSeconds();
    long t = m.getWindowStart().toEpochMilli();
    String country = m.getCountry();
    String device = m.getDeviceType();
    String name = "sps" + w;
    SpsWindow byCountry =
        spsWindows
            .computeIfAbsent(w + "|" + country, k -> new Ring<>(maxPoints, spanMillis))
            .update(t, old -> (old == null ? new SpsWindow(w) : old).set(device, m));
    if (byCountry != null) {
      put(name, country, t, byCountry.sps());
      if (w == 10) {
        put(Series.FAILURE_RATE, country, t, byCountry.failureRate());
      }
    }
    SpsWindow total =
        spsWindows
            .computeIfAbsent(w + "|" + Series.TOTAL, k -> new Ring<>(maxPoints, spanMillis))
            .update(
                t, old -> (old == null ? new SpsWindow(w) : old).set(country + "|" + device, m));
    if (total != null) {
      put(name, Series.TOTAL, t, total.sps());
      if (w == 10) {
        put(Series.FAILURE_RATE, Series.TOTAL, t, total.failureRate());
      }
    }
  }

  /** The latest 10 s window of each country (1 s when no 10 s window came), total first. */
  private List<CountryRow> countries() {
    Map<String, CountryRow> rows = new TreeMap<>();
    for (Map.Entry<String, Ring<SpsWindow>> e : spsWindows.entrySet()) {
      String[] parts = e.getKey().split("\\|", 2);
      int w = Integer.parseInt(parts[0]);
      String country = parts[1];
      Map.Entry<Long, SpsWindow> latest = e.getValue().latest();
      if (latest == null) {
        continue;
      }
      CountryRow existing = rows.get(country);
      if (existing == null || preferred(w, existing.windowSeconds())) {
        SpsWindow win = latest.getValue();
        rows.put(
            country,
            new CountryRow(
                country,
                latest.getKey(),
                w,
                win.sps(),
                win.starts(),
                win.failures(),
                win.failureRate()));
      }
    }
    List<CountryRow> out = new ArrayList<>();
    CountryRow total = rows.remove(Series.TOTAL);
    if (total != null) {
      out.add(total);
    }
    List<CountryRow> rest = new ArrayList<>(rows.values());
    rest.sort(Comparator.comparingDouble(CountryRow::sps).reversed());
    out.addAll(rest);
    return out;
  }

  private static boolean preferred(int candidate, int current) {
    if (candidate == current) {
      return false;
    }
    if (candidate == 10) {
      return true;
    }
    return current != 10 && candidate > current;
  }

  // ------------------------------------------------------------------ quality, CDN

  private void quality(PlaybackQualityMetric m) {
    long t = m.getWindowStart().toEpochMilli();
    String value = m.getDimensionValue();
    boolean server = m.getDimension() == QualityDimension.CDN_SERVER;
    String key = m.getDimension().name() + ":" + value;
    QualityRow row =
        new QualityRow(
            m.getDimension().name(),
            value,
            t,
            m.getStarts(),
            m.getStartupLatencyP50Ms(),
            m.getStartupLatencyP90Ms(),
            m.getStartupLatencyP99Ms(),
            m.getStartupLatencyMaxMs(),
            m.getRebufferRatio(),
            m.getMeanBitrateKbps());
    QualityRow old = quality.get(key);
    if (old == null || old.windowStart() <= t) {
      quality.put(key, row);
    }
    if (server) {
      putIfPresent(Series.LATENCY_P50_SERVER, value, t, m.getStartupLatencyP50Ms());
      putIfPresent(Series.LATENCY_P99_SERVER, value, t, m.getStartupLatencyP99Ms());
      putIfPresent(Series.REBUFFER_SERVER, value, t, m.getRebufferRatio());
      Map<String, long[]> parts =
          rebufferTotal.update(
              t,
              old2 -> {
                Map<String, long[]> next = old2 == null ? new HashMap<>() : old2;
                next.put(value, new long[] {m.getRebufferMs(), m.getWatchMs()});
                return next;
              });
      if (parts != null) {
        long rebuffer = 0;
        long watch = 0;
        for (long[] p : parts.values()) {
          rebuffer += p[0];
          watch += p[1];
        }
        if (watch > 0) {
          put(Series.REBUFFER_SERVER, Series.TOTAL, t, (double) rebuffer / watch);
        }
      }
    } else {
      putIfPresent(Series.LATENCY_P99_ISP, value, t, m.getStartupLatencyP99Ms());
    }
  }

  private void cdnServer(CdnServerMetric m) {
    long t = m.getWindowStart().toEpochMilli();
    String server = m.getServerId();
    putIfPresent(Series.LOAD, server, t, m.getMeanLoad());
    put(Series.TRAFFIC_SHARE, server, t, m.getTrafficShare());
    CdnRow old = cdn.get(server);
    if (old != null && old.windowStart() > t) {
      return;
    }
    Boolean healthy = m.getHealthy();
    long windowEnd = m.getWindowEnd().toEpochMilli();
    Long healthSince = healthy == null ? null : windowEnd;
    // keep the known state when this window says nothing, agrees, or ended before the known flip
    if (old != null
        && old.healthSince() != null
        && (healthy == null
            || Objects.equals(healthy, old.healthy())
            || old.healthSince() >= windowEnd)) {
      healthy = old.healthy();
      healthSince = old.healthSince();
    }
    cdn.put(
        server,
        new CdnRow(
            server,
            m.getRegion() != null ? m.getRegion() : old != null ? old.region() : null,
            t,
            m.getChosen(),
            m.getTrafficShare(),
            m.getFallbackChosen(),
            m.getMeanLoad(),
            m.getMaxLoad(),
            m.getActiveSessions(),
            healthy,
            healthSince,
            m.getUnhealthyReports()));
  }

  private void steering(SteeringMetric m) {
    long t = m.getWindowStart().toEpochMilli();
    put(Series.FALLBACK_RATE, Series.TOTAL, t, m.getFallbackRate());
    if (steering == null || steering.windowStart() <= t) {
      steering =
          new SteeringRow(
              t,
              m.getDecisions(),
              m.getFallbackDecisions(),
              m.getFallbackRate(),
              m.getServersChosen());
    }
  }

  private void healthChanged(CdnServerHealthChanged c) {
    long at = c.getChangedAt().toEpochMilli();
    HealthChangeRow row =
        new HealthChangeRow(c.getServerId(), c.getRegion(), c.getHealthy(), at, c.getLoad());
    if (healthChanges.stream().noneMatch(row::equals)) {
      healthChanges.addFirst(row);
      while (healthChanges.size() > MAX_HEALTH_CHANGES) {
        healthChanges.removeLast();
      }
    }
    CdnRow old = cdn.get(c.getServerId());
    if (old == null) {
      cdn.put(
          c.getServerId(),
          new CdnRow(
              c.getServerId(),
              c.getRegion(),
              at,
              0,
              0,
              0,
              c.getLoad(),
              c.getLoad(),
              null,
              c.getHealthy(),
              at,
              c.getHealthy() ? 0 : 1));
    } else if (old.healthSince() == null || old.healthSince() <= at) {
      cdn.put(
          c.getServerId(),
          new CdnRow(
              old.serverId(),
              old.region() != null ? old.region() : c.getRegion(),
              old.windowStart(),
              old.chosen(),
              old.trafficShare(),
              old.fallbackChosen(),
              old.meanLoad(),
              old.maxLoad(),
              old.activeSessions(),
              c.getHealthy(),
              at,
              old.unhealthyReports()));
    }
  }

  // ------------------------------------------------------------------ alerts, sessions, titles

  private void alert(SpsAlert a) {
    AlertRow row =
        new AlertRow(
            a.getAlertId(),
            a.getCountry(),
            a.getState().name(),
            a.getOpenedAt().toEpochMilli(),
            a.getResolvedAt() == null ? null : a.getResolvedAt().toEpochMilli(),
            a.getEvaluatedAt().toEpochMilli(),
            a.getObservedSps(),
            a.getBaselineSps(),
            a.getDropShare(),
            a.getThresholdShare(),
            a.getWindowSeconds());
    AlertRow old = alerts.get(row.alertId());
    // RESOLVED is final: an OPENED read after it (another partition order, a replay) changes
    // nothing
    if (old != null
        && AlertState.RESOLVED.name().equals(old.state())
        && !AlertState.RESOLVED.name().equals(row.state())) {
      return;
    }
    alerts.remove(row.alertId());
    alerts.put(row.alertId(), row);
    Iterator<String> it = alerts.keySet().iterator();
    while (alerts.size() > MAX_ALERTS && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Alerts in their latest state, newest evaluation first. */
  public synchronized List<AlertRow> alerts() {
    List<AlertRow> rows = new ArrayList<>(alerts.values());
    rows.sort(Comparator.comparingLong(AlertRow::evaluatedAt).reversed());
    return rows;
  }

  private void session(PlaybackSessionSummary s) {
    long minute = Math.floorDiv(s.getEndedAt().toEpochMilli(), MINUTE) * MINUTE;
    String reason = s.getEndReason().name();
    SessionBucket bucket =
        sessionMinutes.update(
            minute, old -> (old == null ? new SessionBucket() : old).add(s, reason));
    if (bucket != null) {
      put(Series.SESSIONS, reason, minute, bucket.byReason.getOrDefault(reason, 0L));
    }
  }

  private SessionsRow sessions() {
    long total = 0;
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> titles = new HashMap<>();
    long latencySum = 0;
    long latencyCount = 0;
    long watchSum = 0;
    for (Map.Entry<Long, SessionBucket> e : sessionMinutes.entries()) {
      SessionBucket b = e.getValue();
      total += b.count;
      b.byReason.forEach((k, v) -> byReason.merge(k, v, Long::sum));
      b.titles.forEach((k, v) -> titles.merge(k, v, Long::sum));
      latencySum += b.latencySum;
      latencyCount += b.latencyCount;
      watchSum += b.watchSum;
    }
    List<TitleRow> top = new ArrayList<>();
    titles.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_TITLES)
        .forEach(e -> top.add(new TitleRow(e.getKey(), titleNames.get(e.getKey()), e.getValue())));
    return new SessionsRow(
        total,
        byReason,
        latencyCount == 0 ? null : (double) latencySum / latencyCount,
        total == 0 ? null : (double) watchSum / total,
        top);
  }

  private boolean recommendations(ProfileRecommendations r) {
    String profile = r.getProfileId();
    if (!profile.startsWith(TRENDING_PREFIX)) {
      return false;
    }
    String country = profile.substring(TRENDING_PREFIX.length());
    long updated = r.getHeader().getEventTime().toEpochMilli();
    TrendingRow old = trending.get(country);
    if (old != null && old.updatedAt() > updated) {
      return true;
    }
    List<TitleRow> titles = new ArrayList<>();
    for (RecommendedTitle t : r.getTitles()) {
      if (titles.size() >= trendingSize) {
        break;
      }
      titles.add(new TitleRow(t.getTitleId(), titleNames.get(t.getTitleId()), t.getScore()));
    }
    trending.put(country, new TrendingRow(country, updated, r.getModelVersion(), titles));
    return true;
  }

  private void title(TitleUpserted t) {
    if (titleNames.size() < MAX_TITLE_NAMES || titleNames.containsKey(t.getTitleId())) {
      titleNames.put(t.getTitleId(), t.getName());
    }
    // names arriving after a trending list fill it in
    trending.replaceAll(
        (country, row) ->
            new TrendingRow(
                row.country(),
                row.updatedAt(),
                row.modelVersion(),
                row.titles().stream()
                    .map(
                        tr ->
                            tr.titleId().equals(t.getTitleId())
                                ? new TitleRow(tr.titleId(), t.getName(), tr.value())
                                : tr)
                    .toList()));
  }

  // ------------------------------------------------------------------ headline figures

  private Kpis kpis(List<CountryRow> countries, List<QualityRow> qualityRows, List<CdnRow> rows) {
    CountryRow total =
        countries.stream().filter(c -> c.country().equals(Series.TOTAL)).findFirst().orElse(null);
    QualityRow worst = null;
    long newestServerWindow = Long.MIN_VALUE;
    for (QualityRow q : qualityRows) {
      if (q.dimension().equals(QualityDimension.CDN_SERVER.name())) {
        newestServerWindow = Math.max(newestServerWindow, q.windowStart());
      }
    }
    for (QualityRow q : qualityRows) {
      // only servers that reported in the newest window: a server gone quiet is not "worst"
      if (q.dimension().equals(QualityDimension.CDN_SERVER.name())
          && q.windowStart() == newestServerWindow
          && q.p99Ms() != null
          && (worst == null || q.p99Ms() > worst.p99Ms())) {
        worst = q;
      }
    }
    Map.Entry<Long, Map<String, long[]>> rebuffer = rebufferTotal.latest();
    Double ratio = null;
    if (rebuffer != null) {
      long r = 0;
      long w = 0;
      for (long[] p : rebuffer.getValue().values()) {
        r += p[0];
        w += p[1];
      }
      ratio = w == 0 ? null : (double) r / w;
    }
    int open = 0;
    for (AlertRow a : alerts.values()) {
      if (AlertState.OPENED.name().equals(a.state())) {
        open++;
      }
    }
    int unhealthy = 0;
    for (CdnRow c : rows) {
      if (Boolean.FALSE.equals(c.healthy())) {
        unhealthy++;
      }
    }
    return new Kpis(
        total == null ? null : total.sps(),
        total == null ? null : total.failureRate(),
        worst == null ? null : worst.p99Ms().doubleValue(),
        worst == null ? null : worst.dimensionValue(),
        ratio,
        open,
        deadLetters,
        unhealthy,
        rows.size());
  }

  // ------------------------------------------------------------------ plumbing

  private void putIfPresent(String name, String key, long time, Number value) {
    if (value != null) {
      put(name, key, time, value.doubleValue());
    }
  }

  private void put(String name, String key, long time, double value) {
    Ring<Double> ring =
        series
            .computeIfAbsent(name, n -> new TreeMap<>())
            .computeIfAbsent(key, k -> new Ring<>(maxPoints, spanMillis));
    if (ring.put(time, value) != null) {
      listener.accept(new PointUpdate(name, key, time, value));
    }
  }

  private static void increment(Map<String, Long> counts, String key) {
    counts.merge(key, 1L, Long::sum);
  }

  private static String header(Headers headers, String name, String fallback) {
    if (headers == null) {
      return fallback;
    }
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null
        ? fallback
        : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** One window of SPS parts (device types, or countries × devices for the total). */
  static final class SpsWindow {
    private final int windowSeconds;
    private final Map<String, long[]> parts = new HashMap<>();

    SpsWindow(int windowSeconds) {
      this.windowSeconds = windowSeconds;
    }

    SpsWindow set(String part, SpsMetric m) {
      parts.put(part, new long[] {m.getStarts(), m.getPlayFailures()});
      return this;
    }

    long starts() {
      return parts.values().stream().mapToLong(p -> p[0]).sum();
    }

    long failures() {
      return parts.values().stream().mapToLong(p -> p[1]).sum();
    }

    double sps() {
      return (double) starts() / windowSeconds;
    }

    double failureRate() {
      long s = starts();
      long f = failures();
      return s + f == 0 ? 0 : (double) f / (s + f);
    }
  }

  /** Sessions that ended in one minute. */
  static final class SessionBucket {
    private long count;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> titles = new HashMap<>();
    private long latencySum;
    private long latencyCount;
    private long watchSum;

    SessionBucket add(PlaybackSessionSummary s, String reason) {
      count++;
      byReason.merge(reason, 1L, Long::sum);
      titles.merge(s.getTitleId(), 1L, Long::sum);
      if (s.getStartupLatencyMs() != null) {
        latencySum += s.getStartupLatencyMs();
        latencyCount++;
      }
      watchSum += s.getWatchSeconds();
      return this;
    }
  }
}
