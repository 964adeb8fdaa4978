package io.playstream.sinks.iceberg;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.schemas.Topics;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Options of the Iceberg sink job (a picocli mixin next to {@code FlinkJobOptions}). Catalog
 * defaults are the platform's ({@code iceberg.*} and {@code s3.*} in the platform config); {@code
 * playstream jobs submit} passes the configured values.
 */
public class IcebergSinkOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  @Option(
      names = "--catalog-name",
      defaultValue = "playstream",
      description =
          "Iceberg catalog name; Spark must use the same one (default: ${DEFAULT-VALUE}).")
  public String catalogName = "playstream";

  @Option(
      names = "--catalog-uri",
      defaultValue = "jdbc:sqlite:.playstream/data/iceberg/catalog.db",
      description = "JDBC URL of the Iceberg catalog (default: ${DEFAULT-VALUE}).")
  public String catalogUri = "jdbc:sqlite:.playstream/data/iceberg/catalog.db";

  @Option(
      names = "--warehouse",
      defaultValue = "file:.playstream/data/iceberg/warehouse",
      description = "Warehouse location, file: or s3:// (default: ${DEFAULT-VALUE}).")
  public String warehouse = "file:.playstream/data/iceberg/warehouse";

  @Option(
      names = "--namespace",
      defaultValue = "playstream",
      description = "Namespace of the tables (default: ${DEFAULT-VALUE}).")
  public String namespace = "playstream";

  @Option(
      names = "--s3-endpoint",
      description = "S3 API endpoint for an s3:// warehouse (default: none, AWS by region).")
  public URI s3Endpoint;

  @Option(
      names = "--s3-region",
      defaultValue = "us-east-1",
      description = "S3 region (default: ${DEFAULT-VALUE}).")
  public String s3Region = "us-east-1";

  @Option(
      names = "--s3-access-key",
      description = "S3 access key id (default: the AWS default credentials chain).")
  public String s3AccessKey;

  @Option(
      names = "--s3-secret-key-file",
      description = "File holding the S3 secret key (with --s3-access-key).")
  public Path s3SecretKeyFile;

  @Option(
      names = "--s3-path-style-access",
      description = "Path-style S3 URLs (S3-compatible servers such as s3proxy).")
  public boolean s3PathStyleAccess;

  @Option(
      names = "--tables",
      split = ",",
      description =
          "Tables to write (default: all): playback_events, steering_decisions,"
              + " playback_sessions, catalog_titles.")
  public List<String> tables = new ArrayList<>();

  @Option(
      names = "--raw-topic",
      description =
          "Topic of raw playback events and steering decisions (default: route iceberg-raw).")
  public String rawTopic = Topics.route("iceberg-raw").name();

  @Option(
      names = "--catalog-topic",
      description = "Topic of catalog upserts and removals (default: route catalog).")
  public String catalogTopic = Topics.route("catalog").name();

  @Option(
      names = "--sessions-topic",
      description = "Topic of session summaries (default: playstream.sessions).")
  public String sessionsTopic = Topics.SESSIONS.name();

  @Option(
      names = "--target-file-size",
      defaultValue = "134217728",
      description = "Target data file size in bytes (default: ${DEFAULT-VALUE}).")
  public long targetFileSizeBytes = TableDefinitions.DEFAULT_TARGET_FILE_SIZE_BYTES;

  @Option(
      names = "--parquet-compression",
      defaultValue = "zstd",
      description =
          "Parquet codec: zstd, snappy, gzip, lz4, uncompressed (default: ${DEFAULT-VALUE}).")
  public String parquetCompression = TableDefinitions.DEFAULT_PARQUET_COMPRESSION;

  @Option(
      names = "--write-parallelism",
      defaultValue = "0",
      description = "Writer parallelism per table; 0 = the job's (default: ${DEFAULT-VALUE}).")
  public int writeParallelism;

  /**
   * The catalog options that stand for these settings (what a launcher passes to the job, e.g.
   * {@code IcebergCatalogSettings.from(platformConfig)} with the local S3 server's warehouse). The
   * secret key travels as a file name, never as a value.
   */
  public static List<String> catalogArgs(IcebergCatalogSettings settings) {
    return settings.jobArgs();
  }

  /** The catalog these options describe. */
  public IcebergCatalogSettings catalog() {
    IcebergCatalogSettings.S3 s3 = null;
    if (IcebergCatalogSettings.isS3(warehouse)) {
      s3 =
          new IcebergCatalogSettings.S3(
              s3Endpoint, s3Region, s3AccessKey, s3SecretKeyFile, s3PathStyleAccess);
    }
    return new IcebergCatalogSettings(catalogName, catalogUri, warehouse, namespace, s3);
  }

  /** The table definitions selected by {@code --tables}, with the write properties. */
  public List<TableDefinition> tableDefinitions() {
    Map<String, String> props =
        TableDefinitions.writeProperties(targetFileSizeBytes, parquetCompression);
    if (tables == null || tables.isEmpty()) {
      return TableDefinitions.all(props);
    }
    List<TableDefinition> out = new ArrayList<>();
    for (String t : new LinkedHashSet<>(tables)) {
      out.add(TableDefinitions.byName(t.trim(), props));
    }
    return out;
  }

  /** The topics the selected tables are fed from. */
  public List<String> topics(List<TableDefinition> definitions) {
    Set<String> out = new LinkedHashSet<>();
    for (TableDefinition d : definitions) {
      switch (d.name()) {
        case TableDefinitions.PLAYBACK_EVENTS, TableDefinitions.STEERING_DECISIONS ->
            out.add(rawTopic);
        case TableDefinitions.CATALOG_TITLES -> out.add(catalogTopic);
        case TableDefinitions.PLAYBACK_SESSIONS -> out.add(sessionsTopic);
        default -> throw new IllegalArgumentException("no topic known for table " + d.name());
      }
    }
    return List.copyOf(out);
  }
}
