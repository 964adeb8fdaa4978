package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.util.Utf8;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class EsActionTest {
  private static final Instant WINDOW_START = Instant.parse("2026-01-01T20:00:00Z");
  private static final RecordOrigin ORIGIN =
      RecordOrigin.of(
          "playstream.route.catalog",
          3,
          42,
          "t1".getBytes(StandardCharsets.UTF_8),
          new byte[] {(byte) 0xC3, 1, 2},
          new String[] {"ps.event-type"},
          new byte[][] {"TitleUpserted".getBytes(StandardCharsets.UTF_8)});

  @Test
  void fieldsBecomeJsonWithInstantsAsIsoTextAndAvroStringsAsText() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("metric", "sps");
    fields.put("country", new Utf8("US"));
    fields.put("window_start", WINDOW_START);
    fields.put("starts", 12L);
    fields.put("sps", 1.5);
    fields.put("genres", List.of("Drama", "Comedy"));
    fields.put("region", null);

    EsAction a = EsAction.index("playstream-metrics-sps-2026.01.01", "id-1", fields);

    assertThat(new String(a.getDocument(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"metric\":\"sps\",\"country\":\"US\",\"window_start\":\"2026-01-01T20:00:00Z\","
                + "\"starts\":12,\"sps\":1.5,\"genres\":[\"Drama\",\"Comedy\"],\"region\":null}");
    assertThat(a.getOpType()).isEqualTo(EsAction.OpType.INDEX);
    assertThat(a.hasExternalVersion()).isFalse();
  }

  @Test
  void withersReturnCopies() {
    EsAction plain = EsAction.delete("i", "1");

    EsAction traced = plain.withOrigin(ORIGIN).withExternalVersion(7);

    assertThat(plain.getOrigin()).isNull();
    assertThat(plain.hasExternalVersion()).isFalse();
    assertThat(traced.getOrigin()).isEqualTo(ORIGIN);
    assertThat(traced.getVersion()).isEqualTo(7);
    assertThat(traced.nextAttempt().getAttempt()).isEqualTo(1);
    assertThat(traced.getAttempt()).isZero();
  }

  @Test
  void emptyNamesAreRefused() {
    assertThatThrownBy(() -> EsAction.index("", "1", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EsAction.delete("i", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void actionsAndOriginsAreFlinkPojosNotKryo() {
    assertThat(TypeInformation.of(EsAction.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(RecordOrigin.class)).isInstanceOf(PojoTypeInfo.class);
  }

  @Test
  void stateSerializerRoundTripsActionsWithAndWithoutOrigin() throws Exception {
    EsActionStateSerializer s = new EsActionStateSerializer();
    EsAction full =
        EsAction.index("i", "1", "{\"a\":1}")
            .withOrigin(ORIGIN)
            .withExternalVersion(9)
            .nextAttempt();
    EsAction bare = EsAction.delete("j", "2");

    for (EsAction a : List.of(full, bare)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      s.serializeRequestToStream(a, new DataOutputStream(bytes));
      EsAction back =
          s.deserializeRequestFromStream(
              bytes.size(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      assertThat(back).isEqualTo(a);
    }
  }
}
