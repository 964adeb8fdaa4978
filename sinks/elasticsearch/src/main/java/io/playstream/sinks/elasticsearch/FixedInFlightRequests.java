package io.playstream.sinks.elasticsearch;

import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * At most {@code maxInFlightRequests} bulk requests of full size at once. The async sink's default
 * (AIMD congestion control) starts at one batch in flight and grows slowly, halving on every
 * partial failure; Elasticsearch signals overload itself (429) and the writer backs off on it, so a
 * fixed window is simpler and keeps throughput from the first request.
 */
final class FixedInFlightRequests implements RateLimitingStrategy {
  private final int maxInFlightRequests;
  private final int maxBatchSize;
  private int inFlight;

  FixedInFlightRequests(int maxInFlightRequests, int maxBatchSize) {
    this.maxInFlightRequests = maxInFlightRequests;
    this.maxBatchSize = maxBatchSize;
  }

  @Override
  public void registerInFlightRequest(RequestInfo requestInfo) {
    inFlight++;
  }

  @Override
  public void registerCompletedRequest(ResultInfo resultInfo) {
    inFlight = Math.max(0, inFlight - 1);
  }

  @Override
  public boolean shouldBlock(RequestInfo requestInfo) {
    return inFlight >= maxInFlightRequests;
  }

  @Override
  public int getMaxBatchSize() {
    return maxBatchSize;
  }
}
