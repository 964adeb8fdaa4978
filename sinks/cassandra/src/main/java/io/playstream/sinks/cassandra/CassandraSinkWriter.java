package io.playstream.sinks.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.playstream.flink.DeadLetter;
import io.playstream.schemas.DeadLetterHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link CassandraSink}: one per task, with its own driver session, prepared
 * statements, an in-flight semaphore, a retry scheduler and (when configured) a dead-letter
 * producer.
 *
 * <p>Threads: {@link #write} and {@link #flush} run on the task thread; completions run on the
 * driver's IO threads and only count, release permits or hand work to the retry thread, so they
 * never block the driver. An error that must stop the job (a dead letter that cannot be sent, or a
 * write that failed with no dead-letter topic configured) is kept and thrown on the task thread by
 * the next {@code write} or {@code flush}.
 */
final class CassandraSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraSinkWriter.class);
  private static final long POLL_MS = 100;

  private final CassandraSinkOptions options;
  private final CassandraRecordMapper<T> mapper;
  private final String component;
  private final int maxInFlight;
  private final Semaphore permits;
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final CqlSession session;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final ScheduledExecutorService scheduler;
  private final String clientId;
  private volatile DeadLetterProducer deadLetters;

  // Flink's standard counters are not thread-safe: completions (driver IO threads) and dead
  // letters (retry thread) count into atomics, which the task thread drains into them
  private final Counter written;
  private final Counter sendErrors;
  private final AtomicLong writtenPending = new AtomicLong();
  private final AtomicLong sendErrorsPending = new AtomicLong();
  private final Counter retries;
  private final Counter rejected;
  private final Counter writeFailed;
  private final Counter skipped;
  private final AtomicLong lastSendTimeMs = new AtomicLong();
  private volatile boolean closing;

  CassandraSinkWriter(
      CassandraSinkOptions options,
      CassandraRecordMapper<T> mapper,
      String component,
      int subtask,
      SinkWriterMetricGroup metrics)
      throws IOException {
    this.options = options;
    this.mapper = mapper;
    this.component = component;
    this.maxInFlight = options.maxInFlight;
    this.permits = new Semaphore(maxInFlight);
    this.clientId = component + "-" + subtask;
    this.written = metrics.getNumRecordsSendCounter();
    this.sendErrors = metrics.getNumRecordsSendErrorsCounter();
    this.retries = metrics.counter("cassandraRetries", new ThreadSafeSimpleCounter());
    this.rejected = metrics.counter("cassandraRejected", new ThreadSafeSimpleCounter());
    this.writeFailed = metrics.counter("cassandraWriteFailed", new ThreadSafeSimpleCounter());
    this.skipped = metrics.counter("cassandraSkipped");
    metrics.meter("cassandraWritesPerSecond", new MeterView(written));
    metrics.gauge("cassandraInFlight", () -> maxInFlight - permits.availablePermits());
    metrics.setCurrentSendTimeGauge(lastSendTimeMs::get);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cassandra-sink-retry-" + clientId);
              t.setDaemon(true);
              return t;
            });
    try {
      this.session = CassandraSessions.open(options, clientId);
      for (Map.Entry<String, String> s : mapper.statements(options.keyspace).entrySet()) {
        prepared.put(s.getKey(), session.prepare(s.getValue()));
      }
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      throw new IOException("cannot open the Cassandra session or prepare statements: " + e, e);
    }
    LOG.info(
        "Cassandra sink {} writing to keyspace {} at {} ({} statements, {} in flight, {} retries)",
        clientId,
        options.keyspace,
        options.contactPoints,
        prepared.size(),
        maxInFlight,
        options.maxRetries);
  }

  @Override
  public void write(T record, Context context) throws IOException, InterruptedException {
    checkFatal();
    drainCounts();
    BoundStatement statement;
    try {
      CqlWrite write = mapper.toWrite(record);
      if (write == null) {
        skipped.inc();
        return;
      }
      statement = bind(write);
    } catch (RejectedRecordException e) {
      rejected.inc();
      deadLetter(record, e.reason(), e.getMessage(), null);
      return;
    } catch (RuntimeException e) {
      // a value the driver cannot encode for its column, a statement name the mapper got wrong
      rejected.inc();
      deadLetter(record, DeadLetterHeaders.SINK_REJECTED, "cannot bind: " + e, null);
      return;
    }
    while (!permits.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
      checkFatal();
    }
    send(record, statement, 1);
  }

  private BoundStatement bind(CqlWrite write) {
    PreparedStatement p = prepared.get(write.statement());
    if (p == null) {
      throw new IllegalArgumentException(
          "no prepared statement '" + write.statement() + "'; have " + prepared.keySet());
    }
    return p.bind(write.values().toArray()).setIdempotent(true).setTimeout(options.requestTimeout);
  }

  /** Sends attempt number {@code attempt} (1 for the first) of a write that holds a permit. */
  private void send(T record, BoundStatement statement, int attempt) {
    long start = System.nanoTime();
    CompletionStage<?> result;
    try {
      result = session.executeAsync(statement);
    } catch (RuntimeException e) {
      onFailure(record, statement, attempt, e);
      return;
    }
    result.whenComplete(
        (rs, error) -> {
          if (error == null) {
            lastSendTimeMs.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            writtenPending.incrementAndGet();
            permits.release();
          } else {
            onFailure(record, statement, attempt, error);
          }
        });
  }

  private void onFailure(T record, BoundStatement statement, int attempt, Throwable error) {
    if (closing) {
      // the session is closing under in-flight writes (job cancelled or failing): not the
      // record's fault; it is replayed from the last checkpoint
      permits.release();
      return;
    }
    WriteFailures.Kind kind = WriteFailures.classify(error);
    try {
      if (kind == WriteFailures.Kind.RETRYABLE && attempt <= options.maxRetries) {
        retries.inc();
        Duration delay =
            WriteFailures.backoff(attempt - 1, options.initialBackoff, options.maxBackoff);
        LOG.debug("retrying a write in {} after attempt {}: {}", delay, attempt, error.toString());
        scheduler.schedule(
            () -> send(record, statement, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      // the dead-letter producer may block on metadata: never on a driver IO thread
      scheduler.execute(
          () -> {
            try {
              if (kind == WriteFailures.Kind.RETRYABLE) {
                writeFailed.inc();
                deadLetter(
                    record,
                    DeadLetterHeaders.SINK_WRITE_FAILED,
                    WriteFailures.describe(error, attempt),
                    error);
              } else {
                rejected.inc();
                deadLetter(
                    record,
                    DeadLetterHeaders.SINK_REJECTED,
                    WriteFailures.describe(error, attempt),
                    error);
              }
            } catch (RuntimeException e) {
              fatal.compareAndSet(null, e);
            } finally {
              permits.release();
            }
          });
    } catch (RejectedExecutionException shutDown) {
      // the writer is closing (job cancelled or failed): the record will be replayed
      permits.release();
    }
  }

  /** Sends a dead letter, or records a fatal error when no dead-letter topic is configured. */
  private void deadLetter(T record, String reason, String detail, Throwable cause) {
    sendErrorsPending.incrementAndGet();
    if (options.dlqBootstrapServers == null || options.dlqBootstrapServers.isBlank()) {
      fatal.compareAndSet(
          null,
          new IOException(
              "a Cassandra write failed ("
                  + reason
                  + ": "
                  + detail
                  + ") and no dead-letter topic is configured",
              cause));
      return;
    }
    DeadLetter letter = mapper.deadLetter(record, reason, detail);
    LOG.warn("dead-lettering a record ({}): {}", reason, detail);
    producer().send(letter);
  }

  private synchronized DeadLetterProducer producer() {
    if (deadLetters == null) {
      deadLetters = new DeadLetterProducer(options.dlqBootstrapServers, clientId + "-dlq");
    }
    return deadLetters;
  }

  private DeadLetterProducer producerIfOpen() {
    return deadLetters;
  }

  /**
   * Waits until every write sent so far is acknowledged, retried to success or dead-lettered, and
   * every dead letter is acknowledged by Kafka. Called before each checkpoint and at end of input.
   */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    while (!permits.tryAcquire(maxInFlight, POLL_MS, TimeUnit.MILLISECONDS)) {
      checkFatal();
    }
    permits.release(maxInFlight);
    DeadLetterProducer p = producerIfOpen();
    if (p != null) {
      p.flush();
    }
    drainCounts();
    checkFatal();
  }

  private void drainCounts() {
    long w = writtenPending.getAndSet(0);
    if (w > 0) {
      written.inc(w);
    }
    long e = sendErrorsPending.getAndSet(0);
    if (e > 0) {
      sendErrors.inc(e);
    }
  }

  private void checkFatal() throws IOException {
    Throwable f = fatal.get();
    if (f == null) {
      DeadLetterProducer p = producerIfOpen();
      f = p == null ? null : p.checkError();
    }
    if (f != null) {
      throw f instanceof IOException io
          ? io
          : new IOException("the Cassandra sink cannot continue: " + f, f);
    }
  }

  @Override
  public void close() throws Exception {
    closing = true;
    scheduler.shutdownNow();
    try {
      session.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing the Cassandra session of {}: {}", clientId, e.toString());
      session.forceCloseAsync();
    }
    DeadLetterProducer p = producerIfOpen();
    if (p != null) {
      p.close();
    }
  }

  /** Writes now in flight (for tests). */
  int inFlight() {
    return maxInFlight - permits.availablePermits();
  }
}
