package io.playstream.services.steering;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks CDN servers for one client. Pure: the same inputs always give the same ranking.
 *
 * <p>Score of a server = region score + ISP affinity - load penalty:
 *
 * <ul>
 *   <li>region score: {@link #REGION_SCORES} by how far the server's region is from the client's
 *       ({@link Regions#byDistance}): 100 for the client's own region, then 60, 40, 25, 10, 5.
 *   <li>ISP affinity: +{@value #ISP_AFFINITY} for one server per region picked by a stable (FNV-1a)
 *       hash of ISP and region, so one ISP's clients share a server and its cache.
 *   <li>load penalty: {@value #LOAD_WEIGHT} x load, plus {@value #OVERLOAD_PENALTY} above load
 *       {@value #OVERLOAD_THRESHOLD}.
 * </ul>
 *
 * <p>Only servers with a fresh (at most {@link #STALE_AFTER} old) healthy report are candidates;
 * unhealthy ones are excluded. When no server of the client's region has a fresh report, or no
 * candidate is left, health data cannot be trusted and the static list is used instead ({@code
 * fallbackUsed}): the servers of the client's region and then of the nearest regions, scored by
 * region and ISP affinity only, minus servers freshly reported unhealthy.
 */
public final class ServerRanker {
  /** Reports older than this are ignored. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  /** At most this many candidates are answered. */
  public static final int MAX_CANDIDATES = 5;

  static final double[] REGION_SCORES = {100, 60, 40, 25, 10, 5};
  static final double ISP_AFFINITY = 10;
  static final double LOAD_WEIGHT = 50;
  static final double OVERLOAD_THRESHOLD = 0.9;
  static final double OVERLOAD_PENALTY = 25;

  private ServerRanker() {}

  /**
   * Ranks the fleet for a client.
   *
   * @param request the client
   * @param fleet configured servers
   * @param latestHealth latest report per server id
   * @param now the decision time, for staleness
   */
  public static Ranking rank(
      ClientRequest request, Fleet fleet, Map<String, HealthReport> latestHealth, Instant now) {
    String clientRegion = Regions.clientRegion(request.region(), request.country(), fleet);
    List<String> regions = Regions.byDistance(clientRegion, fleet);

    boolean regionHasFreshData =
        fleet.inRegion(clientRegion).stream()
            .anyMatch(s -> isFresh(latestHealth.get(s.serverId()), now));
    if (regionHasFreshData) {
      List<Scored> scored = new ArrayList<>();
      for (CdnServer s : fleet.servers()) {
        HealthReport h = latestHealth.get(s.serverId());
        if (isFresh(h, now) && h.healthy()) {
          double score =
              regionScore(regions, s.region())
                  + affinity(request.isp(), s, fleet)
                  - loadPenalty(h.load());
          scored.add(new Scored(s, score));
        }
      }
      if (!scored.isEmpty()) {
        return ranking(scored, false, clientRegion);
      }
    }
    return staticRanking(request, fleet, latestHealth, now, clientRegion, regions);
  }

  /** True when a report exists and is at most {@link #STALE_AFTER} old at {@code now}. */
  public static boolean isFresh(HealthReport report, Instant now) {
    return report != null && !report.reportedAt().plus(STALE_AFTER).isBefore(now);
  }

  /** The server of {@code region} that an ISP's clients prefer. */
  public static String affinityServer(String isp, String region, Fleet fleet) {
    List<CdnServer> inRegion = fleet.inRegion(region);
    if (inRegion.isEmpty()) {
      return null;
    }
    int index = Math.floorMod(fnv1a(isp + "|" + region), inRegion.size());
    return inRegion.get(index).serverId();
  }

  private static Ranking staticRanking(
      ClientRequest request,
      Fleet fleet,
      Map<String, HealthReport> latestHealth,
      Instant now,
      String clientRegion,
      List<String> regions) {
    List<Scored> all = new ArrayList<>();
    List<Scored> usable = new ArrayList<>();
    for (String region : regions) {
      for (CdnServer s : fleet.inRegion(region)) {
        Scored scored =
            new Scored(s, regionScore(regions, region) + affinity(request.isp(), s, fleet));
        all.add(scored);
        HealthReport h = latestHealth.get(s.serverId());
        if (!(isFresh(h, now) && !h.healthy())) {
          usable.add(scored);
        }
      }
    }
    // with every server known to be down, any answer beats none
    return ranking(usable.isEmpty() ? all : usable, true, clientRegion);
  }

  private static Ranking ranking(List<Scored> scored, boolean fallback, String clientRegion) {
    List<Scored> sorted = new ArrayList<>(scored);
    sorted.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(s -> s.server().serverId()));
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_CANDIDATES, sorted.size()); i++) {
      Scored s = sorted.get(i);
      candidates.add(new Candidate(s.server().serverId(), i + 1, round(s.score())));
    }
    return new Ranking(candidates, candidates.get(0).serverId(), fallback, clientRegion);
  }

  private static double regionScore(List<String> regionsByDistance, String region) {
    int distance = regionsByDistance.indexOf(region);
    if (distance < 0 || distance >= REGION_SCORES.length) {
      return REGION_SCORES[REGION_SCORES.length - 1];
    }
    return REGION_SCORES[distance];
  }

  private static double affinity(String isp, CdnServer server, Fleet fleet) {
    return server.serverId().equals(affinityServer(isp, server.region(), fleet)) ? ISP_AFFINITY : 0;
  }

  private static double loadPenalty(double load) {
    double penalty = LOAD_WEIGHT * load;
    return load > OVERLOAD_THRESHOLD ? penalty + OVERLOAD_PENALTY : penalty;
  }

  private static double round(double score) {
    return Math.round(score * 1000.0) / 1000.0;
  }

  /** 32-bit FNV-1a of the UTF-8 bytes: stable across JVMs and releases. */
  static int fnv1a(String s) {
    int hash = 0x811c9dc5;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return hash;
  }

  private record Scored(CdnServer server, double score) {}
}
