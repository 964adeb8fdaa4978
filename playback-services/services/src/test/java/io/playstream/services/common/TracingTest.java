package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TracingTest {
  @Test
  void takesTheTraceIdOfAW3cTraceparent() {
    assertThat(
            Tracing.traceId(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "ignored-when-parent"))
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void fallsBackToXTraceIdThenGenerates() {
    assertThat(Tracing.traceId("garbage", "trace-123")).isEqualTo("trace-123");
    assertThat(Tracing.traceId(null, "bad value with spaces")).matches("[0-9a-f]{32}");
    assertThat(Tracing.traceId(null, null)).matches("[0-9a-f]{32}");
    assertThat(Tracing.traceId(null, null)).isNotEqualTo(Tracing.traceId(null, null));
  }
}
