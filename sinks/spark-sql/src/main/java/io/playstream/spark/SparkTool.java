package io.playstream.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a launcher needs to spawn this module's mains as a child JVM: main class names, the name of
 * the tool classpath ({@code RuntimeClasspath.loadTool("spark-sql")}) and the Java 17 flags Spark
 * needs. Plain Java, so the CLI can use it with only this jar on its classpath.
 */
public final class SparkTool {
  /** Name of the tool classpath resource {@code playstream-runtime/spark-sql.classpath}. */
  public static final String CLASSPATH = "spark-sql";

  /** Main class of the SQL runner ({@code playstream sql}). */
  public static final String SQL_MAIN = "io.playstream.spark.SparkSqlMain";

  /** Main class of {@code playstream tables list|describe|maintain}. */
  public static final String TABLES_MAIN = "io.playstream.spark.TablesMain";

  /** Resource with the driver JVM's flags, one per line. */
  public static final String JVM_OPTIONS_RESOURCE = "playstream-runtime/spark-sql.jvm-options";

  /** System property naming the log file Spark's own logging goes to. */
  public static final String LOG_FILE_PROPERTY = "playstream.spark.log";

  /** The log4j2 config on this module's classpath. */
  public static final String LOG4J_RESOURCE = "playstream-spark-log4j2.properties";

  /** Heap of the driver JVM when a launcher does not say otherwise. */
  public static final String DEFAULT_HEAP = "2g";

  private SparkTool() {}

  /** The Java 17 flags a Spark driver JVM needs ({@code --add-opens ...}). */
  public static List<String> jvmOptions() {
    try (InputStream in =
        SparkTool.class.getClassLoader().getResourceAsStream(JVM_OPTIONS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + JVM_OPTIONS_RESOURCE + " not found");
      }
      return parseOptions(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + JVM_OPTIONS_RESOURCE, e);
    }
  }

  /**
   * The JVM flags to start a Spark driver main: Java 17 flags, heap, and logging to {@code
   * logFile}.
   */
  public static List<String> driverJvmArgs(String heap, Path logFile) {
    List<String> args = new ArrayList<>(jvmOptions());
    args.add("-Xmx" + heap);
    args.add("-D" + LOG_FILE_PROPERTY + "=" + logFile.toAbsolutePath());
    args.add("-Dlog4j2.configurationFile=" + LOG4J_RESOURCE);
    return args;
  }

  static List<String> parseOptions(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  /** Makes sure Spark logs to a file: called first thing by every main of this module. */
  static void routeLoggingToFile() {
    if (System.getProperty(LOG_FILE_PROPERTY) == null) {
      System.setProperty(
          LOG_FILE_PROPERTY,
          Path.of(System.getProperty("java.io.tmpdir"), "playstream-spark-sql.log").toString());
    }
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", LOG4J_RESOURCE);
    }
    try {
      Files.createDirectories(
          Path.of(System.getProperty(LOG_FILE_PROPERTY)).toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the Spark log", e);
    }
  }
}
