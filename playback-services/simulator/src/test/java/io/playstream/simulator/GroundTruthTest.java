package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TasteSpace;
import io.playstream.simulator.model.TitleCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {
  @Test
  void writesTastesFactorsAndPopularity(@TempDir Path dir) throws Exception {
    SimulationModel model =
        new SimulationModel(
            ModelConfig.defaults(42).withProfiles(25),
            TitleCatalog.generated(120, 1),
            CdnServer.defaultFleet());
    Path file = dir.resolve("truth.json");
    GroundTruth.write(model, file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("seed").asLong()).isEqualTo(42);
    assertThat(json.path("dimension").asInt()).isEqualTo(TasteSpace.DIMENSION);
    assertThat(json.path("profiles")).hasSize(25);
    JsonNode profile = json.path("profiles").get(0);
    assertThat(profile.path("profile_id").asText())
        .isEqualTo(model.population().profiles().get(0).profileId());
    assertThat(profile.path("taste")).hasSize(TasteSpace.DIMENSION);
    assertThat(profile.path("taste").get(0).asDouble())
        .isEqualTo(model.population().profiles().get(0).taste()[0]);

    JsonNode titles = json.path("titles");
    assertThat(titles).hasSize(120);
    double total = 0;
    for (int i = 0; i < titles.size(); i++) {
      JsonNode t = titles.get(i);
      assertThat(t.path("rank").asInt()).isEqualTo(i + 1);
      assertThat(t.path("factor")).hasSize(TasteSpace.DIMENSION);
      total += t.path("popularity").asDouble();
    }
    assertThat(total).isCloseTo(1.0, within(1e-9));
    assertThat(titles.get(0).path("popularity").asDouble())
        .isGreaterThan(titles.get(9).path("popularity").asDouble());
  }
}
