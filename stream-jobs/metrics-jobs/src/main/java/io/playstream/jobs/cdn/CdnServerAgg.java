package io.playstream.jobs.cdn;

import io.playstream.events.CdnServerHealth;
import io.playstream.events.SteeringDecision;
import io.playstream.schemas.Events;

/**
 * Partial aggregate of one CDN server in one window (a Flink POJO): steering choices of it and its
 * own health reports. The "last report" fields come from the report with the latest event time.
 */
public class CdnServerAgg {
  public String serverId;
  public String region;
  public long chosen;
  public long fallbackChosen;
  public long healthReports;
  public double loadSum;
  public double maxLoad = -1;
  public long lastReportAt = Long.MIN_VALUE;
  public int lastActiveSessions;
  public boolean lastHealthy;
  public long unhealthyReports;

  /** Window bounds, set by the window function (epoch ms). */
  public long windowStart;

  public long windowEnd;

  public CdnServerAgg() {}

  /** A steering decision counts for the server it chose. */
  public static CdnServerAgg of(SteeringDecision d) {
    CdnServerAgg a = new CdnServerAgg();
    a.serverId = d.getChosenServerId();
    a.chosen = 1;
    a.fallbackChosen = d.getFallbackUsed() ? 1 : 0;
    return a;
  }

  /** A health report of the server. */
  public static CdnServerAgg of(CdnServerHealth h) {
    CdnServerAgg a = new CdnServerAgg();
    a.serverId = h.getServerId();
    a.region = h.getRegion();
    a.healthReports = 1;
    a.loadSum = h.getLoad();
    a.maxLoad = h.getLoad();
    a.lastReportAt = Events.header(h).getEventTime().toEpochMilli();
    a.lastActiveSessions = h.getActiveSessions();
    a.lastHealthy = h.getHealthy();
    a.unhealthyReports = h.getHealthy() ? 0 : 1;
    return a;
  }

  /** Adds b into a and returns a. */
  public static CdnServerAgg merge(CdnServerAgg a, CdnServerAgg b) {
    a.chosen += b.chosen;
    a.fallbackChosen += b.fallbackChosen;
    a.healthReports += b.healthReports;
    a.loadSum += b.loadSum;
    a.maxLoad = Math.max(a.maxLoad, b.maxLoad);
    a.unhealthyReports += b.unhealthyReports;
    if (b.lastReportAt > a.lastReportAt) {
      a.lastReportAt = b.lastReportAt;
      a.lastActiveSessions = b.lastActiveSessions;
      a.lastHealthy = b.lastHealthy;
      a.region = b.region;
    } else if (a.region == null) {
      a.region = b.region;
    }
    return a;
  }

  @Override
  public String toString() {
    return serverId + " chosen=" + chosen + " reports=" + healthReports;
  }
}
