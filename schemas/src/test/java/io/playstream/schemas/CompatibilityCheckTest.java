package io.playstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckTest {

  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Probe","namespace":"t","fields":[
                {"name":"id","type":"string"},
                {"name":"count","type":"int"}]}
              """);

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  @Test
  void everyCurrentSchemaIsCompatibleWithEveryReleasedVersion() {
    assertThat(CompatibilityCheck.checkAll(SchemaCatalog.standard())).isEmpty();
  }

  @Test
  void everyEventTypeHasAReleasedVersion() {
    for (EventType type : EventType.values()) {
      assertThat(SchemaCatalog.standard().released(type)).as(type.name()).isNotEmpty();
    }
  }

  @Test
  void addingAnOptionalFieldWithDefaultPasses() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Probe","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int"},
              {"name":"note","type":["null","string"],"default":null}]}
            """);
    assertThat(CompatibilityCheck.check(v2, List.of(V1))).isEmpty();
  }

  @Test
  void addingARequiredFieldWithoutDefaultFailsBackward() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Probe","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int"},
              {"name":"country","type":"string"}]}
            """);
    List<CompatibilityCheck.Problem> problems = CompatibilityCheck.check(v2, List.of(V1));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).direction()).isEqualTo("backward");
    assertThat(problems.get(0).detail()).contains("READER_FIELD_MISSING_DEFAULT", "country");
  }

  @Test
  void removingAFieldWithoutDefaultFailsForward() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Probe","namespace":"t","fields":[
              {"name":"id","type":"string"}]}
            """);
    List<CompatibilityCheck.Problem> problems = CompatibilityCheck.check(v2, List.of(V1));
    assertThat(problems)
        .extracting(CompatibilityCheck.Problem::direction)
        .containsExactly("forward");
  }

  @Test
  void changingAFieldTypeFailsBothWays() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Probe","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"string"}]}
            """);
    assertThat(CompatibilityCheck.check(v2, List.of(V1)))
        .extracting(CompatibilityCheck.Problem::direction)
        .containsExactlyInAnyOrder("backward", "forward");
  }

  @Test
  void checksAgainstEveryReleasedVersionNotOnlyTheLast() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Probe","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"count","type":"int"},
              {"name":"extra","type":"long","default":0}]}
            """);
    Schema v3 =
        parse(
            """
            {"type":"record","name":"Probe","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"extra","type":"long","default":0}]}
            """);
    // v3 drops 'count' which v1 readers need without a default: incompatible with v1 only.
    List<CompatibilityCheck.Problem> problems = CompatibilityCheck.check(v3, List.of(V1, v2));
    assertThat(problems).extracting(CompatibilityCheck.Problem::releasedVersion).contains(1);
  }
}
