package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.StopReason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  @Test
  void readsTypedFields() {
    JsonBody b =
        JsonBody.parse(
            "{\"s\":\" x \",\"n\":3,\"d\":0.5,\"b\":true,\"l\":[\"a\",\"b\"],\"c\":\"us\","
                + "\"e\":\"completed\",\"nul\":null}");

    assertThat(b.requiredString("s")).isEqualTo("x");
    assertThat(b.requiredInt("n", 0, 10)).isEqualTo(3);
    assertThat(b.requiredDouble("d", 0, 1)).isEqualTo(0.5);
    assertThat(b.requiredBoolean("b")).isTrue();
    assertThat(b.requiredStringList("l", false)).containsExactly("a", "b");
    assertThat(b.requiredCountry("c")).isEqualTo("US");
    assertThat(b.requiredEnum("e", StopReason.class)).isEqualTo(StopReason.COMPLETED);
    assertThat(b.optionalString("nul")).isEmpty();
    assertThat(b.optionalString("absent")).isEmpty();
    assertThat(b.optionalInt("n", 0, 5)).contains(3);
  }

  @Test
  void malformedOrEmptyBodiesAre400WithoutField() {
    assertBadRequest(() -> JsonBody.parse("{\"a\":"), null, "malformed JSON");
    assertBadRequest(() -> JsonBody.parse(""), null, "empty");
    assertBadRequest(() -> JsonBody.parse("[1,2]"), null, "JSON object");
  }

  @Test
  void missingAndInvalidFieldsAreNamed() {
    JsonBody b =
        JsonBody.parse("{\"n\":\"3\",\"big\":99,\"frac\":1.5,\"blank\":\"  \",\"c\":\"USA\"}");

    assertBadRequest(() -> b.requiredString("profile_id"), "profile_id", "missing");
    assertBadRequest(() -> b.requiredInt("n", 0, 10), "n", "whole number");
    assertBadRequest(() -> b.requiredInt("big", 0, 10), "big", "between");
    assertBadRequest(() -> b.requiredLong("frac", 0, 10), "frac", "whole number");
    assertBadRequest(() -> b.requiredString("blank"), "blank", "blank");
    assertBadRequest(() -> b.requiredCountry("c"), "c", "two-letter");
    assertBadRequest(() -> b.requiredBoolean("n"), "n", "true or false");
    assertBadRequest(() -> b.requiredStringList("n", true), "n", "array");
    assertBadRequest(() -> b.requiredEnum("n", StopReason.class), "n", "USER_STOPPED");
  }

  private static void assertBadRequest(ThrowingCallable call, String field, String text) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).contains(text);
            });
  }
}
