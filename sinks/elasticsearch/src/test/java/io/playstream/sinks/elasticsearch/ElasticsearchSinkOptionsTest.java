package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkOptionsTest {
  @Test
  void defaults() {
    ElasticsearchSinkOptions o = ElasticsearchSinkOptions.defaults();

    assertThat(o.url()).isEqualTo(URI.create("http://127.0.0.1:9200"));
    assertThat(o.maxBatchSize()).isEqualTo(1000);
    assertThat(o.maxBatchBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(o.maxInFlightRequests()).isEqualTo(2);
    assertThat(o.maxBufferedRequests()).isEqualTo(10_000);
    assertThat(o.maxTimeInBuffer()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.retryInitialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(o.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.maxItemRetries()).isEqualTo(10);
    assertThat(o.flushOnCheckpoint()).isTrue();
    assertThat(o.hasDeadLetterQueue()).isFalse();
  }

  @Test
  void readsKeysFromAMap() {
    ElasticsearchSinkOptions o =
        ElasticsearchSinkOptions.fromMap(
            Map.of(
                "elasticsearch.url", "http://es:9201",
                "elasticsearch.sink.max-batch-size", "500",
                "elasticsearch.sink.max-time-in-buffer", "250ms",
                "elasticsearch.sink.retry-max-backoff", "PT30S",
                "elasticsearch.sink.flush-on-checkpoint", "false",
                "elasticsearch.sink.dlq-bootstrap-servers", " 127.0.0.1:9092 ",
                "unrelated.key", "x"));

    assertThat(o.url()).isEqualTo(URI.create("http://es:9201"));
    assertThat(o.maxBatchSize()).isEqualTo(500);
    assertThat(o.maxTimeInBuffer()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.flushOnCheckpoint()).isFalse();
    assertThat(o.dlqBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(o.toBuilder().build().toString()).isEqualTo(o.toString());
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                ElasticsearchSinkOptions.fromMap(Map.of("elasticsearch.sink.max-batch-size", "x")))
        .hasMessageContaining("elasticsearch.sink.max-batch-size");
    assertThatThrownBy(
            () ->
                ElasticsearchSinkOptions.fromMap(
                    Map.of("elasticsearch.sink.flush-on-checkpoint", "yes")))
        .hasMessageContaining("elasticsearch.sink.flush-on-checkpoint");
    assertThatThrownBy(
            () ->
                ElasticsearchSinkOptions.builder()
                    .maxBatchSize(100)
                    .maxBufferedRequests(100)
                    .build())
        .hasMessageContaining("elasticsearch.sink.max-buffered-requests");
    assertThatThrownBy(() -> ElasticsearchSinkOptions.builder().url("ftp://x").build())
        .hasMessageContaining("elasticsearch.url");
  }

  @Test
  void readmeOptionsTableMatchesTheCode() throws Exception {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(readme).contains(ElasticsearchSinkOptions.markdownTable());
  }
}
