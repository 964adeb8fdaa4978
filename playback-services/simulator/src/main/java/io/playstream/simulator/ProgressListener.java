package io.playstream.simulator;

/** Receives a {@link Progress} snapshot every {@code --progress-interval}, on a timer thread. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(Progress progress);

  /** A listener that ignores progress. */
  static ProgressListener none() {
    return p -> {};
  }
}
