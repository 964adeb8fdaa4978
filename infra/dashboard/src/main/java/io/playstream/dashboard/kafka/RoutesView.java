package io.playstream.dashboard.kafka;

import java.util.List;

/**
 * The router panel: per route topic its end offset, throughput and the lag of every consumer group
 * reading it (from Kafka), the router's own counters when its status endpoint answers, the fronting
 * topics with the router's input lag, and the dead-letter topic.
 */
public record RoutesView(
    long updatedAt,
    boolean kafkaReachable,
    String kafkaError,
    List<RouteRow> routes,
    List<TopicRow> fronting,
    TopicRow deadLetterTopic,
    GroupLag routerLag,
    RouterInfo router,
    List<GroupLag> groups) {

  /** Before the first poll. */
  public static RoutesView empty(String routerStatusUrl) {
    return new RoutesView(
        0,
        false,
        "not polled yet",
        List.of(),
        List.of(),
        null,
        null,
        new RouterInfo(false, routerStatusUrl, null, null, "not polled yet", List.of()),
        List.of());
  }

  /** One route and its topic. */
  public record RouteRow(
      String name,
      String topic,
      long endOffset,
      Double ratePerSecond,
      List<GroupLag> consumers,
      RouterCounters router) {}

  /** A topic's end offset (records written, summed over partitions) and its recent rate. */
  public record TopicRow(String topic, long endOffset, Double ratePerSecond) {}

  /**
   * What a consumer group has left to read: {@code lag} records over the partitions of {@code
   * topic} (null: over every topic it reads) that it committed an offset for.
   */
  public record GroupLag(String group, String topic, long lag, int partitions) {}

  /** The router's counters for one route since its instance started. */
  public record RouterCounters(
      String status,
      long in,
      long out,
      long filtered,
      long sampledOut,
      long deadLettered,
      Double lagP99Ms,
      String error) {}

  /** The router status endpoint: whether it answered, its state and dead letters by reason. */
  public record RouterInfo(
      boolean reachable,
      String url,
      String instance,
      String state,
      String error,
      List<ReasonCount> deadLetters) {}

  /** A dead-letter reason and its count. */
  public record ReasonCount(String reason, long count) {}
}
