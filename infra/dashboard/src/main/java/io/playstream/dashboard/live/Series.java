package io.playstream.dashboard.live;

/** Names of the live series ({@link PointUpdate#s()}) and what their keys and values are. */
public final class Series {
  /** Key of a series' platform-wide total (all countries, all servers). */
  public static final String TOTAL = "*";

  /** Stream starts per second of 10 s windows, by country and {@link #TOTAL}. */
  public static final String SPS_10S = "sps10";

  /** Stream starts per second of 1 s windows, by country and {@link #TOTAL}. */
  public static final String SPS_1S = "sps1";

  /** Play-failure rate (failures / (starts + failures)) of 10 s windows, by country and total. */
  public static final String FAILURE_RATE = "failure_rate";

  /** Startup latency p50, milliseconds, by CDN server. */
  public static final String LATENCY_P50_SERVER = "latency_p50.server";

  /** Startup latency p99, milliseconds, by CDN server. */
  public static final String LATENCY_P99_SERVER = "latency_p99.server";

  /** Startup latency p99, milliseconds, by ISP. */
  public static final String LATENCY_P99_ISP = "latency_p99.isp";

  /** Rebuffer ratio (rebuffer ms / watch ms), by CDN server and {@link #TOTAL}. */
  public static final String REBUFFER_SERVER = "rebuffer.server";

  /** Mean reported load (0-1), by CDN server. */
  public static final String LOAD = "cdn_load";

  /** Share of steering decisions, by CDN server. */
  public static final String TRAFFIC_SHARE = "traffic_share";

  /** Steering fallback rate, key {@link #TOTAL}. */
  public static final String FALLBACK_RATE = "fallback_rate";

  /** Sessions ended per minute, by end reason (STOPPED, ERROR, TIMEOUT). */
  public static final String SESSIONS = "sessions";

  /** Records per second appended to a route topic, by route name. */
  public static final String ROUTE_RATE = "route_rate";

  /** Dead letters per second appended to playstream.dlq, key {@link #TOTAL}. */
  public static final String DLQ_RATE = "dlq_rate";

  private Series() {}
}
