package io.playstream.services.recommendations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link RecsStore} that can be made slow or failing. */
public final class FakeRecsStore implements RecsStore {
  /** How the store behaves. */
  public enum Mode {
    /** Answers at once. */
    UP,
    /** Never answers. */
    SLOW,
    /** Fails at once. */
    FAILING
  }

  private final Map<String, RecsRow> rows = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Mode mode = Mode.UP;
  private volatile boolean closed;

  public void mode(Mode m) {
    mode = m;
  }

  /** Stores a row of titles {@code ids} (scores descending). */
  public void put(String key, String modelVersion, Instant at, String... ids) {
    List<RecsRow.Scored> titles = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      titles.add(new RecsRow.Scored(ids[i], ids.length - i));
    }
    rows.put(key, new RecsRow(key, at, modelVersion, "realtime", titles));
  }

  /** Reads asked so far. */
  public int calls() {
    return calls.get();
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public CompletionStage<Optional<RecsRow>> find(String key) {
    calls.incrementAndGet();
    return switch (mode) {
      case UP -> CompletableFuture.completedFuture(Optional.ofNullable(rows.get(key)));
      case SLOW -> new CompletableFuture<>();
      case FAILING ->
          CompletableFuture.failedFuture(new IllegalStateException("node unreachable (fake)"));
    };
  }

  @Override
  public String describe() {
    return "fake";
  }

  @Override
  public void close() {
    closed = true;
  }
}
