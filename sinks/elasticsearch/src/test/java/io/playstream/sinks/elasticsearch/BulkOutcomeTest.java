package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.playstream.sinks.elasticsearch.BulkOutcome.Decision;
import io.playstream.sinks.elasticsearch.BulkOutcome.Item;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkOutcomeTest {
  private static final EsAction INDEX = EsAction.index("i", "1", "{}");
  private static final EsAction DELETE = EsAction.delete("i", "1");
  private static final EsAction VERSIONED = INDEX.withExternalVersion(5);

  @Test
  void classifiesEachItemByStatusAndErrorType() {
    assertThat(BulkOutcome.classify(INDEX, Item.ok(201))).isEqualTo(Decision.WRITTEN);
    assertThat(BulkOutcome.classify(INDEX, Item.ok(200))).isEqualTo(Decision.WRITTEN);
    assertThat(BulkOutcome.classify(DELETE, Item.ok(404))).isEqualTo(Decision.WRITTEN);
    assertThat(BulkOutcome.classify(DELETE, error(404, "index_not_found_exception")))
        .isEqualTo(Decision.REJECTED);
    assertThat(BulkOutcome.classify(VERSIONED, error(409, "version_conflict_engine_exception")))
        .isEqualTo(Decision.SUPERSEDED);
    assertThat(BulkOutcome.classify(INDEX, error(409, "version_conflict_engine_exception")))
        .isEqualTo(Decision.REJECTED);
    assertThat(BulkOutcome.classify(INDEX, error(429, "es_rejected_execution_exception")))
        .isEqualTo(Decision.RETRY);
    assertThat(BulkOutcome.classify(INDEX, error(503, "unavailable_shards_exception")))
        .isEqualTo(Decision.RETRY);
    assertThat(BulkOutcome.classify(INDEX, error(500, "null_pointer_exception")))
        .isEqualTo(Decision.RETRY);
    for (String mappingError :
        List.of(
            "mapper_parsing_exception",
            "document_parsing_exception",
            "strict_dynamic_mapping_exception",
            "illegal_argument_exception")) {
      assertThat(BulkOutcome.classify(INDEX, error(400, mappingError)))
          .as(mappingError)
          .isEqualTo(Decision.REJECTED);
    }
  }

  @Test
  void splitsABatchInRequestOrder() {
    EsAction a = EsAction.index("i", "a", "{}");
    EsAction b = EsAction.index("i", "b", "{}");
    EsAction c = EsAction.index("i", "c", "{}");
    EsAction d = EsAction.delete("i", "d");

    BulkOutcome o =
        BulkOutcome.of(
            List.of(a, b, c, d),
            List.of(
                Item.ok(201),
                error(400, "document_parsing_exception"),
                error(429, "es_rejected_execution_exception"),
                Item.ok(404)));

    assertThat(o.written()).isEqualTo(2);
    assertThat(o.rejected()).extracting(BulkOutcome.Failed::action).containsExactly(b);
    assertThat(o.retries()).extracting(BulkOutcome.Failed::action).containsExactly(c);
    assertThat(o.allDone()).isFalse();
  }

  @Test
  void readsTheClientsParsedResponseWithNestedCauses() {
    String json =
        """
        {"took":3,"errors":true,"items":[
          {"index":{"_index":"playstream-metrics-sps-2026.01.01","_id":"ok","status":201,
                    "result":"created","_version":1}},
          {"index":{"_index":"playstream-metrics-sps-2026.01.01","_id":"bad","status":400,
                    "error":{"type":"document_parsing_exception",
                             "reason":"[1:38] failed to parse field [starts] of type [long]",
                             "caused_by":{"type":"illegal_argument_exception",
                                          "reason":"For input string: \\"many\\""}}}},
          {"delete":{"_index":"playstream-titles","_id":"gone","status":404,"result":"not_found"}},
          {"index":{"_index":"playstream-metrics-sps-2026.01.01","_id":"busy","status":429,
                    "error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}
        ]}
        """;
    BulkResponse response = parse(json);
    List<EsAction> batch =
        List.of(
            EsAction.index("playstream-metrics-sps-2026.01.01", "ok", "{}"),
            EsAction.index("playstream-metrics-sps-2026.01.01", "bad", "{}"),
            EsAction.delete("playstream-titles", "gone"),
            EsAction.index("playstream-metrics-sps-2026.01.01", "busy", "{}"));

    BulkOutcome o = BulkOutcome.of(batch, response);

    assertThat(o.written()).isEqualTo(2);
    assertThat(o.rejected()).hasSize(1);
    assertThat(o.rejected().get(0).status()).isEqualTo(400);
    assertThat(o.rejected().get(0).detail())
        .isEqualTo(
            "document_parsing_exception: [1:38] failed to parse field [starts] of type [long];"
                + " caused by illegal_argument_exception: For input string: \"many\"");
    assertThat(o.retries()).extracting(f -> f.action().getId()).containsExactly("busy");
    assertThat(o.retries().get(0).detail()).startsWith("es_rejected_execution_exception");
  }

  @Test
  void aResponseWithAnotherItemCountIsAnError() {
    assertThatThrownBy(() -> BulkOutcome.of(List.of(INDEX, DELETE), List.of(Item.ok(201))))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Item error(int status, String type) {
    return new Item(status, type, type + ": something");
  }

  private static BulkResponse parse(String json) {
    JsonpMapper mapper = new JacksonJsonpMapper();
    try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(json))) {
      return BulkResponse._DESERIALIZER.deserialize(parser, mapper);
    }
  }
}
