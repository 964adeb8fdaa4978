package io.playstream.services.catalog;

import io.playstream.services.common.EventEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the catalog outbox through the emitter, oldest row first, and deletes a row only once its
 * send was acknowledged.
 *
 * <p>Each round sends a batch, waits for every acknowledgement, then deletes the acknowledged
 * prefix: rows up to (not including) the first failure. The rest stay and are sent again after
 * {@code retryBackoff}, so an outage delays changes but never loses or reorders them. If a send
 * fails after a later one in the same batch succeeded, that later event is sent twice (same
 * event_id): delivery is at-least-once, consumers de-duplicate by event id, and the catalog topic
 * is compacted by title id anyway.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  /** An emitter gives up on a send after at most its delivery timeout; this bounds our wait. */
  private static final Duration ACK_TIMEOUT = Duration.ofMinutes(10);

  private final TitleStore store;
  private final EventEmitter emitter;
  private final int batchSize;
  private final Duration pollInterval;
  private final Duration retryBackoff;
  private final Semaphore wakeUp = new Semaphore(0);
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicLong relayed = new AtomicLong();
  private final AtomicLong failedRounds = new AtomicLong();
  private final Thread thread;

  public OutboxRelay(
      TitleStore store,
      EventEmitter emitter,
      int batchSize,
      Duration pollInterval,
      Duration retryBackoff) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1");
    }
    this.store = store;
    this.emitter = emitter;
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
    this.retryBackoff = retryBackoff;
    this.thread = new Thread(this::run, "catalog-outbox-relay");
    this.thread.setDaemon(true);
    store.onOutboxWrite(this::wakeUp);
  }

  /** Starts the relay thread. */
  public OutboxRelay start() {
    thread.start();
    return this;
  }

  /** Asks the relay to look at the outbox now rather than at the next poll. */
  public void wakeUp() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  /** Events sent and deleted from the outbox so far. */
  public long relayed() {
    return relayed.get();
  }

  /** Rounds that ended with an unacknowledged send. */
  public long failedRounds() {
    return failedRounds.get();
  }

  /**
   * Sends one batch and deletes what was acknowledged.
   *
   * @return rows delivered; the batch is complete when this equals the rows read
   * @throws RelayFailure when a send was not acknowledged (the prefix before it was deleted)
   */
  int relayOnce() throws InterruptedException {
    List<TitleStore.OutboxEntry> batch = store.pendingOutbox(batchSize);
    if (batch.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
    for (TitleStore.OutboxEntry entry : batch) {
      CompletableFuture<Void> ack;
      try {
        ack = emitter.emit(entry.event()).toCompletableFuture();
      } catch (RuntimeException e) {
        ack = CompletableFuture.failedFuture(e);
      }
      acks.add(ack);
    }
    awaitAcks(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    List<Long> delivered = new ArrayList<>();
    Throwable firstError = null;
    for (int i = 0; i < batch.size(); i++) {
      CompletableFuture<Void> ack = acks.get(i);
      if (ack.isDone() && !ack.isCompletedExceptionally()) {
        delivered.add(batch.get(i).seq());
      } else {
        firstError = ack.isDone() ? ack.handle((v, e) -> e).join() : new TimeoutException();
        break;
      }
    }
    store.deleteOutbox(delivered);
    relayed.addAndGet(delivered.size());
    if (firstError != null) {
      TitleStore.OutboxEntry stuck = batch.get(delivered.size());
      throw new RelayFailure(
          "outbox row "
              + stuck.seq()
              + " ("
              + stuck.eventType()
              + " "
              + stuck.eventId()
              + ") not acknowledged: "
              + firstError,
          firstError);
    }
    return delivered.size();
  }

  /**
   * Waits until every send completed, the relay is stopping, or {@link #ACK_TIMEOUT} passed. On
   * stop it returns early: unacknowledged rows simply stay for the next start.
   */
  private void awaitAcks(CompletableFuture<Void> all) throws InterruptedException {
    long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
    while (!all.isDone() && stopping.getCount() > 0 && System.nanoTime() < deadline) {
      try {
        all.get(100, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // failures are read per send by the caller; a timeout just loops
      }
    }
  }

  private void run() {
    while (stopping.getCount() > 0) {
      try {
        int sent = relayOnce();
        if (sent < batchSize) {
          // drained: sleep until the next write or poll
          if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUp.drainPermits();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failedRounds.incrementAndGet();
        LOG.warn("outbox relay: {}; retrying in {} ms", e.getMessage(), retryBackoff.toMillis());
        try {
          if (stopping.await(retryBackoff.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    stopping.countDown();
    wakeUp.release();
    try {
      // no interrupt first: an interrupt during H2 file I/O closes the database file
      thread.join(Duration.ofSeconds(10).toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A send of the outbox was not acknowledged. */
  static final class RelayFailure extends RuntimeException {
    RelayFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
