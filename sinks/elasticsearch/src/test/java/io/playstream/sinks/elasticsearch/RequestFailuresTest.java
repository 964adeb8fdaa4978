package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.apache.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

class RequestFailuresTest {
  @Test
  void noAnswerIsRetryable() {
    assertThat(RequestFailures.isRetryable(new ConnectException("Connection refused"))).isTrue();
    assertThat(RequestFailures.isRetryable(new CompletionException(new SocketTimeoutException())))
        .isTrue();
    assertThat(RequestFailures.isRetryable(new ConnectionClosedException("closed"))).isTrue();
    assertThat(RequestFailures.status(new ConnectException())).isEmpty();
  }

  @Test
  void tooManyRequestsAndServerErrorsAreRetryableOtherStatusesAreNot() {
    assertThat(RequestFailures.isRetryable(answered(429))).isTrue();
    assertThat(RequestFailures.isRetryable(answered(503))).isTrue();
    assertThat(RequestFailures.isRetryable(new CompletionException(answered(500)))).isTrue();
    assertThat(RequestFailures.isRetryable(answered(401))).isFalse();
    assertThat(RequestFailures.isRetryable(answered(400))).isFalse();
    assertThat(RequestFailures.status(new CompletionException(answered(503)))).hasValue(503);
  }

  @Test
  void programmingErrorsAreNotRetryable() {
    assertThat(RequestFailures.isRetryable(new IllegalArgumentException("bad"))).isFalse();
    assertThat(RequestFailures.describe(new CompletionException(answered(429))))
        .startsWith("ElasticsearchException (HTTP 429)");
  }

  private static ElasticsearchException answered(int status) {
    return new ElasticsearchException(
        "bulk",
        ErrorResponse.of(e -> e.status(status).error(c -> c.type("some_exception").reason("why"))));
  }
}
