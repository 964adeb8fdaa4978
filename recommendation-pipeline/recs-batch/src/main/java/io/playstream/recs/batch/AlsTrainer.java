package io.playstream.recs.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trains the batch recommendation model with Spark MLlib {@link ALS} on implicit feedback ({@code
 * implicitPrefs=true}: Hu, Koren and Volinsky 2008; confidence 1 + alpha × plays) from the Iceberg
 * playback history, and publishes its item factors as a new version: appended to an Iceberg table
 * (partitioned by version) and exported to the models folder the real-time job watches.
 *
 * <p>Only item factors are kept: the real-time job folds each profile in from its current history
 * with the same least-squares step (recs-core {@code FactorModel.foldIn}), so hashed profile ids in
 * the history tables are no obstacle and new profiles are served without retraining.
 */
public final class AlsTrainer {
  /**
   * ALS parameters (defaults chosen on MovieLens by recs-core's evaluation).
   *
   * @param rank latent factors
   * @param iterations ALS sweeps
   * @param regularization Spark's regParam (scaled by each row's interactions, as Spark does)
   * @param alpha confidence scaling
   * @param seed random seed
   */
  public record Params(int rank, int iterations, double regularization, double alpha, long seed) {
    public static Params defaults() {
      return new Params(64, 10, 0.3, 2.0, 42L);
    }
  }

  /** A trained version: titles and their factor rows. */
  public record Model(
      String version,
      long interactions,
      long profiles,
      List<String> titles,
      List<double[]> factors) {}

  private AlsTrainer() {}

  /**
   * (profile_id, title_id, weight = number of events) of one event type since a time, from a
   * history table with columns {@code profile_id}, {@code title_id}, {@code event_type}, {@code
   * event_time}.
   */
  public static Dataset<Row> interactions(
      SparkSession spark, String table, String eventType, Instant since) {
    return spark
        .table(table)
        .where(
            col("event_type")
                .equalTo(eventType)
                .and(col("event_time").geq(lit(Timestamp.from(since))))
                .and(col("profile_id").isNotNull())
                .and(col("title_id").isNotNull()))
        .groupBy("profile_id", "title_id")
        .agg(count(lit(1)).cast("double").as("weight"));
  }

  /** Trains on (profile_id, title_id, weight) rows. */
  public static Model train(Dataset<Row> interactions, Params p, String version) {
    Dataset<Row> in = interactions.cache();
    long n = in.count();
    if (n == 0) {
      throw new IllegalStateException("no interactions to train on");
    }
    StringIndexerModel users =
        new StringIndexer().setInputCol("profile_id").setOutputCol("user").fit(in);
    StringIndexerModel items =
        new StringIndexer().setInputCol("title_id").setOutputCol("item").fit(in);
    Dataset<Row> indexed =
        items
            .transform(users.transform(in))
            .select(
                col("user").cast("int").as("user"),
                col("item").cast("int").as("item"),
                col("weight").cast("float").as("weight"));
    ALSModel model =
        new ALS()
            .setImplicitPrefs(true)
            .setRank(p.rank())
            .setMaxIter(p.iterations())
            .setRegParam(p.regularization())
            .setAlpha(p.alpha())
            .setUserCol("user")
            .setItemCol("item")
            .setRatingCol("weight")
            .setSeed(p.seed())
            .fit(indexed);
    String[] labels = items.labelsArray()[0];
    List<String> titles = new ArrayList<>();
    List<double[]> factors = new ArrayList<>();
    for (Row r : model.itemFactors().collectAsList()) {
      int id = r.getInt(0);
      List<Float> f = r.getList(1);
      double[] row = new double[f.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = f.get(i);
      }
      titles.add(labels[id]);
      factors.add(row);
    }
    long profiles = users.labelsArray()[0].length;
    in.unpersist();
    return new Model(version, n, profiles, titles, factors);
  }

  /**
   * Appends a version to the factors table (created if missing: {@code model_version}, {@code
   * title_id}, {@code factors array<double>}, {@code trained_at}, {@code rank}, {@code alpha},
   * {@code regularization}; partitioned by {@code model_version}). Returns the rows written.
   */
  public static long writeFactors(
      SparkSession spark, String table, Model m, Params p, Instant trainedAt) {
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (model_version string, title_id string, factors array<double>,"
            + " trained_at timestamp, rank int, alpha double, regularization double)"
            + " USING iceberg PARTITIONED BY (model_version)");
    StructType schema =
        new StructType()
            .add("model_version", DataTypes.StringType, false)
            .add("title_id", DataTypes.StringType, false)
            .add("factors", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("trained_at", DataTypes.TimestampType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("alpha", DataTypes.DoubleType, false)
            .add("regularization", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>(m.titles().size());
    Timestamp at = Timestamp.from(trainedAt);
    for (int i = 0; i < m.titles().size(); i++) {
      double[] f = m.factors().get(i);
      Double[] boxed = new Double[f.length];
      for (int k = 0; k < f.length; k++) {
        boxed[k] = f[k];
      }
      rows.add(
          RowFactory.create(
              m.version(), m.titles().get(i), boxed, at, p.rank(), p.alpha(), p.regularization()));
    }
    try {
      spark.createDataFrame(rows, schema).writeTo(table).append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("table " + table + " vanished", e);
    }
    return rows.size();
  }

  /**
   * Writes a version to {@code dir/<version>.tsv} in the format the real-time job reads (recs-job
   * {@code FactorModelFiles}: {@code F} lines then an {@code END} line), under a hidden temporary
   * name first and renamed when complete, so the job never reads a partial file.
   */
  public static Path exportModel(Path dir, Model m, Params p) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + m.version() + ".tsv.tmp");
    Path out = dir.resolve(m.version() + ".tsv");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (int i = 0; i < m.titles().size(); i++) {
        w.write("F\t" + m.version() + "\t" + m.titles().get(i) + "\t");
        double[] f = m.factors().get(i);
        for (int k = 0; k < f.length; k++) {
          if (k > 0) {
            w.write(',');
          }
          w.write(Double.toString(f[k]));
        }
        w.write('\n');
      }
      // Spark scales regParam by each row's number of interactions: scale = 1
      w.write(
          "END\t"
              + m.version()
              + "\t"
              + m.titles().size()
              + "\t"
              + p.alpha()
              + "\t"
              + p.regularization()
              + "\t1\n");
    }
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    return out;
  }
}
