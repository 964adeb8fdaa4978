package io.playstream.sinks.elasticsearch;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink sink (Sink V2, on the async sink base) writing to Elasticsearch with the bulk API of the
 * official {@code elasticsearch-java} client.
 *
 * <pre>{@code
 * ElasticsearchSink<SpsMetric> sink =
 *     ElasticsearchSink.<SpsMetric>builder(
 *             m -> EsAction.index(
 *                 DailyIndex.name("playstream-metrics-sps", m.getWindowStart()),
 *                 DocumentIds.join("sps", m.getCountry(), m.getDeviceType(), m.getWindowStart()),
 *                 Map.of("metric", "sps", "window_start", m.getWindowStart(), ...)))
 *         .url("http://127.0.0.1:9200")
 *         .deadLetterBootstrapServers("127.0.0.1:9092")
 *         .component("metrics-sps")
 *         .build();
 * stream.sinkTo(sink).name("elasticsearch-sps").uid("elasticsearch-sps");
 * }</pre>
 *
 * <p><b>Guarantee:</b> at-least-once. A checkpoint completes only after every action before it was
 * acknowledged by Elasticsearch (or dead-lettered, with the dead letter acknowledged by Kafka);
 * after a failure the job replays from the last checkpoint. With deterministic document ids (see
 * {@link DocumentIds}) a replay overwrites the same documents, so the index ends up without
 * duplicates.
 *
 * <p>What happens on failures is described in {@link ElasticsearchSinkOptions}; metrics in the
 * module README.
 *
 * @param <T> the stream's element type, turned into an {@link EsAction} by the converter
 */
public final class ElasticsearchSink<T> extends AsyncSinkBase<T, EsAction> {
  private static final long serialVersionUID = 1L;

  private final ElasticsearchSinkOptions options;

  private ElasticsearchSink(
      ElementConverter<T, EsAction> converter, ElasticsearchSinkOptions options) {
    super(
        converter,
        options.maxBatchSize(),
        options.maxInFlightRequests(),
        options.maxBufferedRequests(),
        options.maxBatchBytes(),
        options.maxTimeInBuffer().toMillis(),
        options.maxBatchBytes(),
        ElasticsearchSinkWriter.requestTimeoutMillis(options),
        false);
    this.options = options;
  }

  /** Turns a stream element into one action. Must not return null (filter upstream instead). */
  @FunctionalInterface
  public interface Converter<T> extends Serializable {
    EsAction toAction(T element);
  }

  /** A builder for a sink of elements turned into actions by {@code converter}. */
  public static <T> Builder<T> builder(Converter<T> converter) {
    return new Builder<>(converter);
  }

  /** A sink of ready-made actions. */
  public static ElasticsearchSink<EsAction> forActions(ElasticsearchSinkOptions options) {
    return ElasticsearchSink.<EsAction>builder(a -> a).options(options).build();
  }

  /** The options. */
  public ElasticsearchSinkOptions options() {
    return options;
  }

  @Override
  public StatefulSinkWriter<T, BufferedRequestState<EsAction>> createWriter(
      WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<T, BufferedRequestState<EsAction>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<EsAction>> recoveredState) {
    return new ElasticsearchSinkWriter<>(getElementConverter(), context, options, recoveredState);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<EsAction>> getWriterStateSerializer() {
    return new EsActionStateSerializer();
  }

  /** Builds an {@link ElasticsearchSink}; every option starts at its default. */
  public static final class Builder<T> {
    private final Converter<T> converter;
    private ElasticsearchSinkOptions.Builder options = ElasticsearchSinkOptions.builder();

    private Builder(Converter<T> converter) {
      this.converter = Objects.requireNonNull(converter, "converter");
    }

    /** Replaces every option (later calls on this builder change single ones). */
    public Builder<T> options(ElasticsearchSinkOptions all) {
      this.options = all.toBuilder();
      return this;
    }

    /** {@code elasticsearch.url}. */
    public Builder<T> url(String url) {
      options.url(url);
      return this;
    }

    /** {@code elasticsearch.url}. */
    public Builder<T> url(URI url) {
      options.url(url);
      return this;
    }

    /** {@code elasticsearch.sink.max-batch-size}: actions per bulk request. */
    public Builder<T> maxBatchSize(int actions) {
      options.maxBatchSize(actions);
      return this;
    }

    /** {@code elasticsearch.sink.max-batch-bytes}. */
    public Builder<T> maxBatchBytes(long bytes) {
      options.maxBatchBytes(bytes);
      return this;
    }

    /** {@code elasticsearch.sink.max-in-flight-requests}. */
    public Builder<T> maxInFlightRequests(int requests) {
      options.maxInFlightRequests(requests);
      return this;
    }

    /** {@code elasticsearch.sink.max-buffered-requests}. */
    public Builder<T> maxBufferedRequests(int actions) {
      options.maxBufferedRequests(actions);
      return this;
    }

    /** {@code elasticsearch.sink.max-time-in-buffer}. */
    public Builder<T> maxTimeInBuffer(Duration time) {
      options.maxTimeInBuffer(time);
      return this;
    }

    /** {@code elasticsearch.sink.retry-initial-backoff} and {@code retry-max-backoff}. */
    public Builder<T> retryBackoff(Duration initial, Duration max) {
      options.retryBackoff(initial, max);
      return this;
    }

    /** {@code elasticsearch.sink.max-item-retries}. */
    public Builder<T> maxItemRetries(int retries) {
      options.maxItemRetries(retries);
      return this;
    }

    /** {@code elasticsearch.sink.request-timeout}. */
    public Builder<T> requestTimeout(Duration timeout) {
      options.requestTimeout(timeout);
      return this;
    }

    /** {@code elasticsearch.sink.flush-on-checkpoint}. */
    public Builder<T> flushOnCheckpoint(boolean flush) {
      options.flushOnCheckpoint(flush);
      return this;
    }

    /** {@code elasticsearch.sink.dlq-bootstrap-servers}: Kafka for dead letters. */
    public Builder<T> deadLetterBootstrapServers(String bootstrapServers) {
      options.deadLetterBootstrapServers(bootstrapServers);
      return this;
    }

    /** {@code elasticsearch.sink.component}: the dead letters' instance name. */
    public Builder<T> component(String component) {
      options.component(component);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming an option that is out of range
     */
    public ElasticsearchSink<T> build() {
      Converter<T> c = converter;
      ElementConverter<T, EsAction> element =
          (e, ctx) ->
              Objects.requireNonNull(
                  c.toAction(e), "the Elasticsearch sink's converter returned null");
      return new ElasticsearchSink<>(element, options.build());
    }
  }
}
