package io.playstream.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.playstream.simulator.model.Profile;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TasteSpace;
import io.playstream.simulator.model.Title;
import io.playstream.simulator.model.ZipfPopularity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what recommendation quality can be measured against: every profile's hidden taste, every
 * title's latent factor and popularity. Format:
 *
 * <pre>
 * {"seed": 42, "dimension": 8, "zipf_exponent": 1.0,
 *  "appeal": "sigmoid(6.0 * (taste . factor - 0.3))",
 *  "profiles": [{"profile_id", "account_id", "country", "region", "isp", "device_type",
 *                "favourite_genres": [...], "activity", "taste": [8 numbers]}, ...],
 *  "titles": [{"title_id", "rank", "popularity", "genres": [...], "factor": [8 numbers]}, ...]}
 * </pre>
 *
 * Titles are listed by popularity rank (1 = most popular); {@code popularity} is the probability
 * that one popularity draw picks the title.
 */
public final class GroundTruth {
  private GroundTruth() {}

  public static void write(SimulationModel model, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (JsonGenerator g =
        new JsonFactory()
            .createGenerator(file.toFile(), JsonEncoding.UTF8)
            .useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeNumberField("seed", model.config().seed());
      g.writeNumberField("dimension", TasteSpace.DIMENSION);
      g.writeNumberField("zipf_exponent", model.config().zipfExponent());
      g.writeStringField(
          "appeal",
          "sigmoid("
              + TasteSpace.SHARPNESS
              + " * (taste . factor - "
              + TasteSpace.THRESHOLD
              + "))");
      g.writeArrayFieldStart("profiles");
      for (Profile p : model.population().profiles()) {
        g.writeStartObject();
        g.writeStringField("profile_id", p.profileId());
        g.writeStringField("account_id", p.accountId());
        g.writeStringField("country", p.country());
        g.writeStringField("region", p.region());
        g.writeStringField("isp", p.isp());
        g.writeStringField("device_type", p.device().wireName());
        g.writeArrayFieldStart("favourite_genres");
        for (String genre : p.favouriteGenres()) {
          g.writeString(genre);
        }
        g.writeEndArray();
        g.writeNumberField("activity", p.activity());
        writeVector(g, "taste", p.taste());
        g.writeEndObject();
      }
      g.writeEndArray();
      ZipfPopularity popularity = model.popularity();
      g.writeArrayFieldStart("titles");
      for (int rank = 1; rank <= popularity.size(); rank++) {
        int index = popularity.titleAtRank(rank);
        Title t = model.catalog().get(index);
        g.writeStartObject();
        g.writeStringField("title_id", t.titleId());
        g.writeNumberField("rank", rank);
        g.writeNumberField("popularity", popularity.probability(index));
        g.writeArrayFieldStart("genres");
        for (String genre : t.genres()) {
          g.writeString(genre);
        }
        g.writeEndArray();
        writeVector(g, "factor", model.titleFactor(index));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeVector(JsonGenerator g, String name, double[] v) throws IOException {
    g.writeArrayFieldStart(name);
    for (double x : v) {
      g.writeNumber(x);
    }
    g.writeEndArray();
  }
}
