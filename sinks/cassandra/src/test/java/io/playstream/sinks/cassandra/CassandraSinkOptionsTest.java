package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CassandraSinkOptionsTest {
  @Command
  static final class Holder {
    @Mixin CassandraSinkOptions options = new CassandraSinkOptions();
  }

  private static CassandraSinkOptions parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.options;
  }

  @Test
  void defaultsFitTheLocalPlatform() {
    CassandraSinkOptions o = parse();

    assertThat(o.contactPoints).isEqualTo("127.0.0.1:9042");
    assertThat(o.localDatacenter).isEqualTo("datacenter1");
    assertThat(o.keyspace).isEqualTo("playstream");
    assertThat(o.consistencyLevel()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(o.maxInFlight).isEqualTo(128);
    assertThat(o.maxRetries).isEqualTo(8);
    assertThat(o.initialBackoff).isEqualTo(Duration.ofMillis(100));
    assertThat(o.maxBackoff).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.requestTimeout).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.historyTtl).isEqualTo(Duration.ofDays(180));
    assertThat(o.dlqBootstrapServers).isNull();
    o.validate();
  }

  @Test
  void parsesEveryOption() {
    CassandraSinkOptions o =
        parse(
            "--contact-points=10.0.0.1:9142,10.0.0.2",
            "--local-datacenter=dc2",
            "--keyspace=ps_test",
            "--consistency=one",
            "--max-in-flight=64",
            "--max-retries=3",
            "--initial-backoff=50ms",
            "--max-backoff=2s",
            "--request-timeout=1s",
            "--dlq-bootstrap-servers=127.0.0.1:9092",
            "--history-ttl=30d");

    assertThat(o.contactPointAddresses())
        .containsExactly(
            InetSocketAddress.createUnresolved("10.0.0.1", 9142),
            InetSocketAddress.createUnresolved("10.0.0.2", 9042));
    assertThat(o.consistencyLevel()).isEqualTo(DefaultConsistencyLevel.ONE);
    assertThat(o.maxInFlight).isEqualTo(64);
    assertThat(o.maxRetries).isEqualTo(3);
    assertThat(o.initialBackoff).isEqualTo(Duration.ofMillis(50));
    assertThat(o.maxBackoff).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.requestTimeout).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.historyTtl).isEqualTo(Duration.ofDays(30));
    assertThat(o.copy().toString()).isEqualTo(o.toString());
    o.validate();
  }

  @Test
  void validateNamesTheBadOption() {
    assertThatThrownBy(() -> parse("--contact-points=").validate())
        .hasMessageContaining("--contact-points");
    assertThatThrownBy(() -> parse("--contact-points=h:notaport").validate())
        .hasMessageContaining("port is not a number");
    assertThatThrownBy(() -> parse("--keyspace=Bad-Name").validate())
        .hasMessageContaining("--keyspace");
    assertThatThrownBy(() -> parse("--consistency=MOST").validate())
        .hasMessageContaining("--consistency");
    assertThatThrownBy(() -> parse("--max-in-flight=0").validate())
        .hasMessageContaining("--max-in-flight");
    assertThatThrownBy(() -> parse("--max-retries=-1").validate())
        .hasMessageContaining("--max-retries");
    assertThatThrownBy(() -> parse("--initial-backoff=2s", "--max-backoff=1s").validate())
        .hasMessageContaining("--max-backoff");
  }

  @Test
  void copyIsIndependent() {
    CassandraSinkOptions o = parse();
    CassandraSinkOptions c = o.copy();

    c.maxInFlight = 1;

    assertThat(o.maxInFlight).isEqualTo(128);
  }
}
