package io.playstream.simulator.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The CDN as the simulator plays it: which server each session streams from, how loaded each server
 * is, and what each server reports about itself.
 *
 * <p>Load is active sessions over a per-server capacity in sessions (the simulated audience is a
 * small sample, so capacity is scaled to it: see {@link #autoCapacity}). The simulator steers its
 * own sessions with a rule like the steering service's: among healthy servers, score {@code (same
 * region ? 1.0 : 0.35) + 0.15 * isp affinity - 0.6 * load}, best first; if no server is healthy it
 * falls back to the static list of the client's region. Keeping the assignment inside the model
 * makes load, health reports and telemetry a pure function of the seed; steering's own answer in
 * http mode usually agrees since it ranks the same health reports.
 */
public final class CdnModel {
  private static final int CANDIDATES = 3;

  private final List<CdnServer> servers;
  private final List<CdnCut> cuts;
  private final int capacitySessions;
  private final int[] active;

  /**
   * The outcome of steering one play.
   *
   * @param server index of the chosen server
   * @param candidates ranked candidates, chosen first
   * @param fallbackUsed true when no server was healthy and the region's static list was used
   */
  public record Steering(int server, List<Action.Candidate> candidates, boolean fallbackUsed) {}

  public CdnModel(List<CdnServer> fleet, List<CdnCut> cuts, int capacitySessions) {
    if (fleet.isEmpty()) {
      throw new IllegalArgumentException("the CDN fleet is empty");
    }
    if (capacitySessions <= 0) {
      throw new IllegalArgumentException("capacitySessions must be positive");
    }
    List<CdnServer> sorted = new ArrayList<>(fleet);
    sorted.sort(Comparator.comparing(CdnServer::serverId));
    this.servers = List.copyOf(sorted);
    this.cuts = List.copyOf(cuts);
    this.capacitySessions = capacitySessions;
    this.active = new int[servers.size()];
  }

  /**
   * A capacity that puts the fleet at about 55 % load once the audience reaches its steady state:
   * {@code expectedConcurrentSessions / (0.55 * servers)}, at least 4.
   */
  public static int autoCapacity(double expectedConcurrentSessions, int serverCount) {
    return (int) Math.max(4, Math.ceil(expectedConcurrentSessions / (0.55 * serverCount)));
  }

  public List<CdnServer> servers() {
    return servers;
  }

  public int capacitySessions() {
    return capacitySessions;
  }

  public int active(int server) {
    return active[server];
  }

  /**
   * The share of new plays by clients of {@code clientRegion} that fail to start at {@code simMs}
   * (the largest of the active cuts of that region; 0 without one).
   */
  public double startFailureShare(String clientRegion, long simMs) {
    double share = 0;
    for (CdnCut cut : cuts) {
      if (cut.startFailureShare() > 0 && cut.region().equals(clientRegion) && cut.activeAt(simMs)) {
        share = Math.max(share, cut.startFailureShare());
      }
    }
    return share;
  }

  public boolean isCut(int server, long simMs) {
    if (cuts.isEmpty()) {
      return false; // the usual case, asked for on every heartbeat
    }
    String region = servers.get(server).region();
    for (CdnCut cut : cuts) {
      if (cut.covers(region, simMs)) {
        return true;
      }
    }
    return false;
  }

  /** Active sessions over capacity (may exceed 1 when overloaded). */
  public double load(int server) {
    return (double) active[server] / capacitySessions;
  }

  /** The load a session on this server experiences (see {@link QoeModel}). */
  public double effectiveLoad(int server, long simMs, boolean crossRegion) {
    double load = isCut(server, simMs) ? QoeModel.CUT_LOAD : load(server);
    return load + (crossRegion ? QoeModel.CROSS_REGION_PENALTY : 0);
  }

  /** Chooses the server for a new session of this profile at this time. */
  public Steering steer(Profile profile, long simMs) {
    List<Action.Candidate> ranked = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    double[] score = new double[servers.size()];
    for (int i = 0; i < servers.size(); i++) {
      if (!isCut(i, simMs)) {
        CdnServer s = servers.get(i);
        score[i] =
            (s.region().equals(profile.region()) ? 1.0 : 0.35)
                + 0.15 * ispAffinity(profile.isp(), s.serverId())
                - 0.6 * Math.min(load(i), 1.5);
        order.add(i);
      }
    }
    boolean fallback = order.isEmpty();
    if (fallback) {
      for (int i = 0; i < servers.size(); i++) {
        if (servers.get(i).region().equals(profile.region())) {
          score[i] = ispAffinity(profile.isp(), servers.get(i).serverId());
          order.add(i);
        }
      }
      if (order.isEmpty()) {
        for (int i = 0; i < servers.size(); i++) {
          order.add(i);
        }
      }
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i));
    for (int r = 0; r < Math.min(CANDIDATES, order.size()); r++) {
      int i = order.get(r);
      ranked.add(
          new Action.Candidate(
              servers.get(i).serverId(), r + 1, Math.round(score[i] * 10_000) / 10_000.0));
    }
    return new Steering(order.get(0), ranked, fallback);
  }

  public void attach(int server) {
    active[server]++;
  }

  public void detach(int server) {
    active[server]--;
  }

  /**
   * The health report of a server: load with 5 % noise, capped at 1; during a cut unhealthy at
   * 0.99.
   */
  public Action.ReportCdnHealth report(int server, long simMs, SeededRandom rng) {
    CdnServer s = servers.get(server);
    boolean cut = isCut(server, simMs);
    double load = cut ? 0.99 : Math.max(0, Math.min(1.0, load(server) + 0.02 * rng.gaussian()));
    return new Action.ReportCdnHealth(
        simMs,
        s.serverId(),
        s.region(),
        Math.round(load * 1000) / 1000.0,
        !cut,
        s.capacityMbps(),
        active[server]);
  }

  /** A stable per (ISP, server) preference in [0, 1), like steering's ISP hash affinity. */
  static double ispAffinity(String isp, String serverId) {
    return SeededRandom.unitHash(isp + "/" + serverId);
  }
}
