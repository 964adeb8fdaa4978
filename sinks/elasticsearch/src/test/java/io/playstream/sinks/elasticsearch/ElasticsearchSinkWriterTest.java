package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer's retry, give-up and failure decisions against a stub bulk endpoint. */
class ElasticsearchSinkWriterTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  private static final int DOCS = 10;

  @Test
  void anItemAnswered429IsSentAgainUntilWritten() throws Exception {
    try (StubElasticsearch es =
        new StubElasticsearch(
            new StubElasticsearch.Behaviour() {
              @Override
              public int itemStatus(String id, int seen) {
                return id.equals("doc-2") && seen <= 2 ? 429 : 201;
              }
            })) {
      run(es, 2);

      assertThat(es.timesSeen("doc-2")).isEqualTo(3);
      assertThat(es.timesSeen("doc-5")).isEqualTo(1);
      assertThat(es.sentIds()).hasSize(DOCS).doesNotHaveDuplicates();
    }
  }

  @Test
  void aWholeRequestAnswered503IsSentAgain() throws Exception {
    try (StubElasticsearch es =
        new StubElasticsearch(
            new StubElasticsearch.Behaviour() {
              @Override
              public int requestStatus(int request) {
                return request <= 2 ? 503 : 200;
              }
            })) {
      run(es, 2);

      assertThat(es.requests()).isGreaterThanOrEqualTo(3);
      assertThat(es.sentIds()).hasSize(DOCS).doesNotHaveDuplicates();
    }
  }

  @Test
  void anItemThatKeepsFailingIsGivenUpAfterMaxItemRetries() throws Exception {
    try (StubElasticsearch es =
        new StubElasticsearch(
            new StubElasticsearch.Behaviour() {
              @Override
              public int itemStatus(String id, int seen) {
                return id.equals("doc-1") ? 503 : 201;
              }
            })) {
      // no dead-letter topic: giving up fails the job instead of dropping the document
      assertThatThrownBy(() -> run(es, 2))
          .hasStackTraceContaining("sink-write-failed")
          .hasStackTraceContaining("gave up after 2 retries")
          .hasStackTraceContaining("no dead-letter topic is configured");
      assertThat(es.timesSeen("doc-1")).isEqualTo(3);
    }
  }

  @Test
  void aRejectedDocumentWithoutDeadLetterTopicFailsTheJob() throws Exception {
    try (StubElasticsearch es =
        new StubElasticsearch(
            new StubElasticsearch.Behaviour() {
              @Override
              public int itemStatus(String id, int seen) {
                return id.equals("doc-3") ? 400 : 201;
              }
            })) {
      assertThatThrownBy(() -> run(es, 2))
          .hasStackTraceContaining("sink-rejected")
          .hasStackTraceContaining("document_parsing_exception")
          .hasStackTraceContaining("INDEX stub/doc-3");
      assertThat(es.timesSeen("doc-3")).isEqualTo(1);
    }
  }

  @Test
  void aRequestRefusedForGoodFailsTheJobWithoutRetrying() throws Exception {
    try (StubElasticsearch es =
        new StubElasticsearch(
            new StubElasticsearch.Behaviour() {
              @Override
              public int requestStatus(int request) {
                return 401;
              }
            })) {
      assertThatThrownBy(() -> run(es, 2))
          .hasStackTraceContaining("not retryable")
          .hasStackTraceContaining("401");
      assertThat(es.requests()).isEqualTo(1);
    }
  }

  private static void run(StubElasticsearch es, int maxItemRetries) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(LongStream.range(0, DOCS).boxed().toList(), Types.LONG)
        .sinkTo(
            ElasticsearchSink.<Long>builder(i -> EsAction.index("stub", "doc-" + i, "{}"))
                .url(es.url())
                .maxBatchSize(DOCS)
                .maxInFlightRequests(1)
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .maxItemRetries(maxItemRetries)
                .build())
        .name("elasticsearch");
    env.execute("writer test");
  }
}
