package io.playstream.jobs.cdn;

import io.playstream.events.CdnServerMetric;
import io.playstream.events.SteeringMetric;
import io.playstream.jobs.MetricIds;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Second stage of the CDN metrics: sees every server's aggregate of one window (a non-parallel
 * window over a small stream, one element per server), computes each server's traffic share of all
 * steering decisions and the platform's steering fallback rate.
 */
public final class CdnShareFunction
    extends ProcessAllWindowFunction<CdnServerAgg, CdnServerMetric, TimeWindow> {
  private static final long serialVersionUID = 1L;

  /** Side output of the platform-wide steering metric. */
  public static final OutputTag<SteeringMetric> STEERING =
      new OutputTag<>("steering-metric", TypeInformation.of(SteeringMetric.class));

  private final String job;

  public CdnShareFunction(String job) {
    this.job = job;
  }

  @Override
  public void process(Context ctx, Iterable<CdnServerAgg> servers, Collector<CdnServerMetric> out) {
    List<CdnServerAgg> all = StreamSupport.stream(servers.spliterator(), false).toList();
    TimeWindow w = ctx.window();
    long decisions = 0;
    long fallback = 0;
    Set<String> chosen = new HashSet<>();
    for (CdnServerAgg a : all) {
      decisions += a.chosen;
      fallback += a.fallbackChosen;
      if (a.chosen > 0) {
        chosen.add(a.serverId);
      }
    }
    for (CdnServerAgg a : all) {
      out.collect(toMetric(job, a, w, decisions));
    }
    if (decisions > 0) {
      ctx.output(STEERING, steering(job, w, decisions, fallback, chosen.size()));
    }
  }

  /** The metric of one server, given the window's total decisions. */
  public static CdnServerMetric toMetric(
      String job, CdnServerAgg a, TimeWindow w, long totalDecisions) {
    boolean reported = a.healthReports > 0;
    Instant end = Instant.ofEpochMilli(w.getEnd());
    return CdnServerMetric.newBuilder()
        .setHeader(MetricIds.header(job, MetricIds.cdnServer(a.serverId, w.getStart()), end))
        .setWindowStart(Instant.ofEpochMilli(w.getStart()))
        .setWindowEnd(end)
        .setServerId(a.serverId)
        .setRegion(a.region)
        .setChosen(a.chosen)
        .setTrafficShare(totalDecisions == 0 ? 0.0 : (double) a.chosen / totalDecisions)
        .setFallbackChosen(a.fallbackChosen)
        .setHealthReports(a.healthReports)
        .setMeanLoad(reported ? a.loadSum / a.healthReports : null)
        .setMaxLoad(reported ? a.maxLoad : null)
        .setActiveSessions(reported ? a.lastActiveSessions : null)
        .setHealthy(reported ? a.lastHealthy : null)
        .setUnhealthyReports(a.unhealthyReports)
        .build();
  }

  /** The platform-wide steering metric of a window. */
  public static SteeringMetric steering(
      String job, TimeWindow w, long decisions, long fallback, int serversChosen) {
    Instant end = Instant.ofEpochMilli(w.getEnd());
    return SteeringMetric.newBuilder()
        .setHeader(MetricIds.header(job, MetricIds.steering(w.getStart()), end))
        .setWindowStart(Instant.ofEpochMilli(w.getStart()))
        .setWindowEnd(end)
        .setDecisions(decisions)
        .setFallbackDecisions(fallback)
        .setFallbackRate(decisions == 0 ? 0.0 : (double) fallback / decisions)
        .setServersChosen(serversChosen)
        .build();
  }
}
