package io.playstream.simulator;

import io.playstream.simulator.model.Action;
import java.time.Duration;

/** Where the scheduler hands actions over: the HTTP driver or the Kafka producer. */
public interface ActionSink extends AutoCloseable {
  /**
   * Hands one action over, in simulated-time order. May block while too much is outstanding
   * (back-pressure), never for the answer itself.
   */
  void submit(Action action) throws InterruptedException;

  /** Waits until everything submitted has been answered or acknowledged; false on timeout. */
  boolean drain(Duration timeout) throws InterruptedException;

  /** Calls or records handed over and not yet answered. */
  int outstanding();

  @Override
  void close();
}
