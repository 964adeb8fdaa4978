package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  @Test
  void parsesShortForms() {
    assertThat(DurationConverter.parse("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void rejectsGarbageWithTheAcceptedForms() {
    assertThatThrownBy(() -> DurationConverter.parse("45 seconds"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("e.g. 45s");
    assertThatThrownBy(() -> DurationConverter.parse("s45"))
        .isInstanceOf(TypeConversionException.class);
  }
}
