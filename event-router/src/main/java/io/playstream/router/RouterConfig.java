package io.playstream.router;

import io.playstream.router.filter.CelFilterCompiler;
import java.time.Clock;
import java.util.Objects;

/**
 * What the topology needs to know, built once (see {@link RouterOptions#toConfig()} for the
 * router's main).
 *
 * @param instanceId this router instance, written into dead-letter headers
 * @param hashKey key of hashed projection fields; null when no route may hash
 * @param maxRecordBytes key plus value larger than this goes to the dead-letter topic
 * @param clock wall clock for end-to-end lag and dead-letter times
 * @param validator route validator (carries the filter language)
 */
public record RouterConfig(
    String instanceId, HashKey hashKey, int maxRecordBytes, Clock clock, RouteValidator validator) {

  public static final int DEFAULT_MAX_RECORD_BYTES = 512 * 1024;

  public RouterConfig {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(validator, "validator");
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive");
    }
  }

  /** Defaults: CEL filters, system clock, {@value #DEFAULT_MAX_RECORD_BYTES} bytes per record. */
  public static RouterConfig of(String instanceId, HashKey hashKey) {
    return new RouterConfig(
        instanceId,
        hashKey,
        DEFAULT_MAX_RECORD_BYTES,
        Clock.systemUTC(),
        new RouteValidator(CelFilterCompiler.create()));
  }

  public RouterConfig withMaxRecordBytes(int bytes) {
    return new RouterConfig(instanceId, hashKey, bytes, clock, validator);
  }

  public RouterConfig withClock(Clock c) {
    return new RouterConfig(instanceId, hashKey, maxRecordBytes, c, validator);
  }

  /** The route compiler for this configuration. */
  public RouteCompiler routeCompiler() {
    return new RouteCompiler(validator, hashKey);
  }
}
