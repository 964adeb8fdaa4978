package io.playstream.services.common;

/** A started service: where it listens, and how to stop it. */
public interface RunningService extends AutoCloseable {
  /** The bound port (the real one when started on port 0). */
  int port();

  /** {@code http://127.0.0.1:<port>}. */
  String url();

  /** Stops serving and releases what the service opened (not the injected emitter). */
  @Override
  void close();
}
