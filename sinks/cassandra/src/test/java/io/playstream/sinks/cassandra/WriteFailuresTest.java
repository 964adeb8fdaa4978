package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import io.playstream.sinks.cassandra.WriteFailures.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class WriteFailuresTest {

  @Test
  void transientFailuresAreRetried() {
    assertThat(WriteFailures.classify(new DriverTimeoutException("timed out")))
        .isEqualTo(Kind.RETRYABLE);
    assertThat(
            WriteFailures.classify(
                new WriteTimeoutException(
                    null, DefaultConsistencyLevel.LOCAL_QUORUM, 0, 1, WriteType.SIMPLE)))
        .isEqualTo(Kind.RETRYABLE);
    assertThat(
            WriteFailures.classify(
                new UnavailableException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 1, 0)))
        .isEqualTo(Kind.RETRYABLE);
    assertThat(WriteFailures.classify(new OverloadedException(null))).isEqualTo(Kind.RETRYABLE);
    assertThat(WriteFailures.classify(new NoNodeAvailableException())).isEqualTo(Kind.RETRYABLE);
    assertThat(WriteFailures.classify(AllNodesFailedException.fromErrors(List.of())))
        .isEqualTo(Kind.RETRYABLE);
  }

  @Test
  void refusalsAreNotRetried() {
    assertThat(WriteFailures.classify(new InvalidQueryException(null, "Key may not be empty")))
        .isEqualTo(Kind.REJECTED);
    assertThat(WriteFailures.classify(new SyntaxError(null, "line 1:0"))).isEqualTo(Kind.REJECTED);
    assertThat(WriteFailures.classify(new UnauthorizedException(null, "no")))
        .isEqualTo(Kind.REJECTED);
    assertThat(WriteFailures.classify(new CodecNotFoundException(null, null)))
        .isEqualTo(Kind.REJECTED);
    assertThat(WriteFailures.classify(new IllegalArgumentException("bad value")))
        .isEqualTo(Kind.REJECTED);
  }

  @Test
  void wrappersAreLookedThrough() {
    Throwable wrapped =
        new CompletionException(
            new ExecutionException(new DriverTimeoutException("query timed out after PT5S")));

    assertThat(WriteFailures.classify(wrapped)).isEqualTo(Kind.RETRYABLE);
    assertThat(WriteFailures.unwrap(wrapped)).isInstanceOf(DriverTimeoutException.class);
    assertThat(WriteFailures.describe(wrapped, 3))
        .isEqualTo("DriverTimeoutException: query timed out after PT5S (after 3 attempts)");
    assertThat(WriteFailures.describe(new InvalidQueryException(null, "x"), 1))
        .isEqualTo("InvalidQueryException: x (after 1 attempt)");
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    Duration initial = Duration.ofMillis(100);
    Duration max = Duration.ofSeconds(2);

    assertThat(WriteFailures.backoff(0, initial, max)).isEqualTo(Duration.ofMillis(100));
    assertThat(WriteFailures.backoff(1, initial, max)).isEqualTo(Duration.ofMillis(200));
    assertThat(WriteFailures.backoff(3, initial, max)).isEqualTo(Duration.ofMillis(800));
    assertThat(WriteFailures.backoff(5, initial, max)).isEqualTo(max);
    assertThat(WriteFailures.backoff(80, initial, max)).isEqualTo(max);
  }
}
