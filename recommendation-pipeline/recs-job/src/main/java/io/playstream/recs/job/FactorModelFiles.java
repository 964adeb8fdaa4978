package io.playstream.recs.job;

import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Batch model versions as files the job picks up while it runs: the batch trainer (recs-batch)
 * writes each version to the models folder as one text file (written under a temporary name and
 * renamed when complete), tab-separated:
 *
 * <pre>
 * F	&lt;version&gt;	&lt;title id&gt;	&lt;f1,f2,...,fk&gt;     one per title
 * END	&lt;version&gt;	&lt;rows&gt;	&lt;alpha&gt;	&lt;regularization&gt;	&lt;scale 1|0&gt;
 * </pre>
 *
 * A {@link FileSource} monitors the folder; every new file becomes {@code FACTOR_ROW} updates and a
 * {@code FACTORS_END}, broadcast to the scoring operator, which switches to the version once all
 * its rows arrived. Files already read are remembered in checkpoints.
 */
public final class FactorModelFiles {
  private FactorModelFiles() {}

  /** Parses one line (null for blank lines and comments). */
  public static ModelUpdate parse(String line) {
    if (line == null || line.isBlank() || line.startsWith("#")) {
      return null;
    }
    String[] f = line.split("\t");
    try {
      switch (f[0]) {
        case "F" -> {
          require(f, 4, line);
          double[] row = Arrays.stream(f[3].split(",")).mapToDouble(Double::parseDouble).toArray();
          return ModelUpdate.factorRow(f[1], f[2], row);
        }
        case "END" -> {
          require(f, 6, line);
          return ModelUpdate.factorsEnd(
              f[1],
              Integer.parseInt(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              "1".equals(f[5]));
        }
        default -> throw new IllegalArgumentException("unknown record type: " + line);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in model line: " + line, e);
    }
  }

  private static void require(String[] f, int n, String line) {
    if (f.length != n) {
      throw new IllegalArgumentException("expected " + n + " tab-separated fields: " + line);
    }
  }

  /** A factor row line. */
  public static String rowLine(String version, String item, double[] row) {
    StringBuilder sb = new StringBuilder("F\t").append(version).append('\t').append(item);
    sb.append('\t');
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(row[i]);
    }
    return sb.toString();
  }

  /** The end line of a version. */
  public static String endLine(
      String version, int rows, double alpha, double regularization, boolean scale) {
    return "END\t"
        + version
        + '\t'
        + rows
        + '\t'
        + alpha
        + '\t'
        + regularization
        + '\t'
        + (scale ? "1" : "0");
  }

  /** The model updates of every file that appears in {@code folder} (checked every interval). */
  public static DataStream<ModelUpdate> source(
      StreamExecutionEnvironment env, String folder, Duration interval) {
    FileSource<String> files =
        FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(folder))
            .monitorContinuously(interval)
            .build();
    return env.fromSource(files, WatermarkStrategy.noWatermarks(), "batch model files")
        .setParallelism(1)
        .uid("recs-source-models")
        .map(FactorModelFiles::parse, TypeInformation.of(ModelUpdate.class))
        .setParallelism(1)
        .name("parse model files")
        .uid("recs-parse-models")
        .filter(u -> u != null)
        .setParallelism(1)
        .name("skip blank lines")
        .uid("recs-filter-models");
  }
}
