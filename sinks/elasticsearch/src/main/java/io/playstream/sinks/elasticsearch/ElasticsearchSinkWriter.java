package io.playstream.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.playstream.schemas.DeadLetterHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.DequeRequestBuffer;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.SimpleBatchCreator;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask of {@link ElasticsearchSink}: buffers actions (Flink's async sink base), sends them
 * as bulk requests with the async client, and decides per item what happens next ({@link
 * BulkOutcome}): written, retried after a backoff, or dead-lettered with the error. Retries hold
 * their in-flight slot while they wait, so a struggling node gets fewer requests, and a checkpoint
 * waits for them. Dead letters are flushed to Kafka before a checkpoint is taken.
 */
final class ElasticsearchSinkWriter<T> extends AsyncSinkWriter<T, EsAction> {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
  private static final Duration DLQ_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ElasticsearchSinkOptions options;
  private final EsClient client;
  private final Backoff backoff;
  private final ScheduledExecutorService retryTimer;
  private final String instance;
  private final AtomicReference<Exception> deadLetterFailure = new AtomicReference<>();
  private Producer<byte[], byte[]> deadLetterProducer;

  private final Counter recordsSent;
  private final Counter deadLettered;
  private final Counter retries;
  private final Counter superseded;
  private final Counter bulkRequests;

  ElasticsearchSinkWriter(
      ElementConverter<T, EsAction> converter,
      WriterInitContext context,
      ElasticsearchSinkOptions options,
      Collection<BufferedRequestState<EsAction>> states) {
    super(
        converter,
        context,
        configuration(options),
        states,
        new SimpleBatchCreator<>(options.maxBatchBytes()),
        new DequeRequestBuffer<>());
    this.options = options;
    this.instance = options.component() + "-" + context.getTaskInfo().getIndexOfThisSubtask();
    this.client =
        EsClient.open(options.url(), options.requestTimeout(), options.maxInFlightRequests() + 1);
    this.backoff = new Backoff(options.retryInitialBackoff(), options.retryMaxBackoff());
    this.retryTimer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "es-sink-retry-" + instance);
              t.setDaemon(true);
              return t;
            });
    MetricGroup group = context.metricGroup();
    this.recordsSent = group.counter("numRecordsSent", new ThreadSafeSimpleCounter());
    this.deadLettered = group.counter("numDeadLettered", new ThreadSafeSimpleCounter());
    this.retries = group.counter("numRetries", new ThreadSafeSimpleCounter());
    this.superseded = group.counter("numSuperseded", new ThreadSafeSimpleCounter());
    this.bulkRequests = group.counter("numBulkRequests", new ThreadSafeSimpleCounter());
  }

  static AsyncSinkWriterConfiguration configuration(ElasticsearchSinkOptions o) {
    return AsyncSinkWriterConfiguration.builder()
        .setMaxBatchSize(o.maxBatchSize())
        .setMaxBatchSizeInBytes(o.maxBatchBytes())
        .setMaxInFlightRequests(o.maxInFlightRequests())
        .setMaxBufferedRequests(o.maxBufferedRequests())
        .setMaxTimeInBufferMS(o.maxTimeInBuffer().toMillis())
        .setMaxRecordSizeInBytes(o.maxBatchBytes())
        .setRequestTimeoutMS(requestTimeoutMillis(o))
        .setFailOnTimeout(false)
        .setRateLimitingStrategy(
            new FixedInFlightRequests(o.maxInFlightRequests(), o.maxBatchSize()))
        .build();
  }

  /**
   * The async sink's own timeout for one submitted batch: longer than an HTTP timeout plus the
   * longest backoff, so it only fires if a callback got lost; the batch is then sent again.
   */
  static long requestTimeoutMillis(ElasticsearchSinkOptions o) {
    return o.requestTimeout().plus(o.retryMaxBackoff()).plusSeconds(30).toMillis();
  }

  @Override
  protected long getSizeInBytes(EsAction action) {
    return action.sizeInBytes();
  }

  @Override
  protected void submitRequestEntries(List<EsAction> batch, ResultHandler<EsAction> handler) {
    bulkRequests.inc();
    client
        .async()
        .bulk(BulkRequests.of(batch))
        .whenComplete(
            (response, failure) -> {
              try {
                if (failure != null) {
                  onRequestFailure(batch, handler, failure);
                } else {
                  onResponse(batch, handler, response);
                }
              } catch (RuntimeException e) {
                handler.completeExceptionally(e);
              }
            });
  }

  private void onRequestFailure(
      List<EsAction> batch, ResultHandler<EsAction> handler, Throwable failure) {
    if (!RequestFailures.isRetryable(failure)) {
      handler.completeExceptionally(
          new ElasticsearchSinkException(
              "bulk request to "
                  + options.url()
                  + " failed and is not retryable: "
                  + RequestFailures.describe(failure),
              RequestFailures.unwrap(failure)));
      return;
    }
    // the whole request failed: retry it without limit (the job backpressures meanwhile)
    retryLater(batch, handler, RequestFailures.describe(failure));
  }

  private void onResponse(
      List<EsAction> batch, ResultHandler<EsAction> handler, BulkResponse response) {
    if (!response.errors()) {
      recordsSent.inc(batch.size());
      backoff.reset();
      handler.complete();
      return;
    }
    BulkOutcome outcome = BulkOutcome.of(batch, response);
    recordsSent.inc(outcome.written());
    superseded.inc(outcome.superseded());
    List<EsAction> again = new ArrayList<>();
    String retryReason = null;
    for (BulkOutcome.Failed f : outcome.retries()) {
      if (f.action().getAttempt() >= options.maxItemRetries()) {
        deadLetter(
            f.action(),
            DeadLetterHeaders.SINK_WRITE_FAILED,
            "gave up after " + options.maxItemRetries() + " retries: " + f.detail());
      } else {
        again.add(f.action().nextAttempt());
        retryReason = f.detail();
      }
    }
    for (BulkOutcome.Failed f : outcome.rejected()) {
      deadLetter(f.action(), DeadLetterHeaders.SINK_REJECTED, f.detail());
    }
    Exception dlqFailure = deadLetterFailure.get();
    if (dlqFailure != null) {
      handler.completeExceptionally(dlqFailure);
    } else if (again.isEmpty()) {
      backoff.reset();
      handler.complete();
    } else {
      retryLater(again, handler, again.size() + " of " + batch.size() + " items: " + retryReason);
    }
  }

  private void retryLater(List<EsAction> entries, ResultHandler<EsAction> handler, String why) {
    Duration delay = backoff.nextDelay();
    retries.inc(entries.size());
    int failures = backoff.consecutiveFailures();
    if (failures == 1 || failures % 10 == 0) {
      // an outage would log twice a second otherwise; the metric numRetries counts them all
      LOG.warn(
          "{}: retrying {} actions in {} ms (failure {} in a row): {}",
          instance,
          entries.size(),
          delay.toMillis(),
          failures,
          why);
    } else {
      LOG.debug("{}: retrying {} actions in {} ms: {}", instance, entries.size(), delay, why);
    }
    try {
      retryTimer.schedule(
          () -> handler.retryForEntries(entries), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: hand the entries back at once so nothing is dropped silently
      handler.retryForEntries(entries);
    }
  }

  private void deadLetter(EsAction action, String reason, String detail) {
    if (!options.hasDeadLetterQueue()) {
      deadLetterFailure.compareAndSet(
          null,
          new ElasticsearchSinkException(
              "Elasticsearch refused "
                  + action
                  + " ("
                  + reason
                  + ": "
                  + detail
                  + ") and no dead-letter topic is configured ("
                  + ElasticsearchSinkOptions.DLQ_BOOTSTRAP_SERVERS.key()
                  + ")"));
      return;
    }
    ProducerRecord<byte[], byte[]> record =
        DeadLetters.record(action, reason, detail, instance, Instant.now());
    LOG.warn("{}: dead-lettering {} as {}: {}", instance, action, reason, detail);
    deadLetterProducer()
        .send(
            record,
            (metadata, e) -> {
              if (e != null) {
                deadLetterFailure.compareAndSet(
                    null,
                    new ElasticsearchSinkException(
                        "cannot write a dead letter for " + action + " to Kafka", e));
                getFatalExceptionCons().accept(deadLetterFailure.get());
              }
            });
    deadLettered.inc();
  }

  private synchronized Producer<byte[], byte[]> deadLetterProducer() {
    if (deadLetterProducer == null) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.dlqBootstrapServers());
      p.put(ProducerConfig.CLIENT_ID_CONFIG, "es-sink-dlq-" + instance);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
      deadLetterProducer =
          new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return deadLetterProducer;
  }

  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    // flush=false comes before a checkpoint: with flush-on-checkpoint, write the buffer out too
    super.flush(endOfInput || options.flushOnCheckpoint());
    flushDeadLetters();
  }

  @Override
  public List<BufferedRequestState<EsAction>> snapshotState(long checkpointId) {
    // every request of the snapshot is complete (flush above); their dead letters must be in
    // Kafka before the checkpoint can count those records as done
    flushDeadLetters();
    return super.snapshotState(checkpointId);
  }

  private void flushDeadLetters() {
    Producer<byte[], byte[]> p;
    synchronized (this) {
      p = deadLetterProducer;
    }
    if (p != null) {
      p.flush();
    }
    Exception e = deadLetterFailure.get();
    if (e != null) {
      throw e instanceof RuntimeException r ? r : new ElasticsearchSinkException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    retryTimer.shutdownNow();
    synchronized (this) {
      if (deadLetterProducer != null) {
        deadLetterProducer.close(DLQ_CLOSE_TIMEOUT);
      }
    }
    client.close();
    super.close();
  }
}
