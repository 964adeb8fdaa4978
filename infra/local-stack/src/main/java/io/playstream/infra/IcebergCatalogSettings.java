package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one description of the platform's Iceberg catalog that every engine uses: the Flink Iceberg
 * sink, the Spark SQL runner, table maintenance, and the settings a user copies into their own
 * Spark cluster. Both engines must use the same catalog name, because the JDBC catalog keys its
 * rows by it.
 *
 * <p>{@link #properties()} is the Iceberg catalog property map (what {@code
 * CatalogUtil.buildIcebergCatalog}, Flink's {@code CatalogLoader.custom(name, properties, conf,
 * impl)}, a Flink SQL {@code CREATE CATALOG ... WITH (...)} and Spark's {@code
 * spark.sql.catalog.<name>.*} take): {@code catalog-impl} (the JDBC catalog), {@code uri}, {@code
 * jdbc.schema-version=V1}, {@code warehouse}, and for a warehouse on S3 the {@code io-impl} and
 * {@code s3.*} / {@code client.region} keys of Iceberg's own S3 client. {@link #sparkConf()} turns
 * it into Spark settings.
 *
 * <p>This class only names keys and values; it needs no Iceberg, Flink or Spark classes.
 *
 * @param name catalog name (an SQL identifier; the same on every engine)
 * @param uri JDBC URL of the catalog database ({@code jdbc:sqlite:<file>} locally, {@code
 *     jdbc:postgresql://...} in production)
 * @param warehouse warehouse location ({@code file:///...} or {@code s3://bucket/path})
 * @param namespace namespace of the platform's tables (an SQL identifier)
 * @param s3 how to reach S3 when the warehouse is on S3; null for a warehouse on a file system
 */
public record IcebergCatalogSettings(
    String name, String uri, String warehouse, String namespace, S3 s3) {

  /** The JDBC catalog implementation both engines load. */
  public static final String JDBC_CATALOG_IMPL = "org.apache.iceberg.jdbc.JdbcCatalog";

  /**
   * File IO for an S3 warehouse: picks Iceberg's S3FileIO for {@code s3://} paths (needs {@code
   * iceberg-aws-bundle} on the classpath) and Hadoop's for anything else.
   */
  public static final String RESOLVING_FILE_IO = "org.apache.iceberg.io.ResolvingFileIO";

  /** Spark's catalog plugin for Iceberg. */
  public static final String SPARK_CATALOG_CLASS = "org.apache.iceberg.spark.SparkCatalog";

  /** Spark session extensions that add Iceberg's procedures ({@code CALL ...}) and DDL. */
  public static final String SPARK_EXTENSIONS =
      "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";

  /** The folder under the bucket that holds the warehouse when the local S3 server is on. */
  public static final String LOCAL_S3_WAREHOUSE_PATH = "warehouse";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String SECRET_KEY_PROPERTY = "s3.secret-access-key";
  private static final String REDACTED = "<redacted>";

  public IcebergCatalogSettings {
    requireIdentifier(name, "catalog name");
    requireIdentifier(namespace, "namespace");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(warehouse, "warehouse");
    if (!uri.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "the Iceberg catalog URI must be a JDBC URL (jdbc:sqlite:... or jdbc:postgresql:...): "
              + uri);
    }
    if (isS3(warehouse) && s3 == null) {
      throw new IllegalArgumentException(
          "warehouse " + warehouse + " is on S3 but no S3 settings were given");
    }
  }

  /**
   * How Iceberg's S3 client reaches the bucket.
   *
   * @param endpoint S3 API endpoint; null for AWS S3 (the SDK derives it from the region)
   * @param region region ({@code us-east-1} for s3proxy)
   * @param accessKey access key id; null to use the AWS default credentials chain (environment,
   *     profile, instance or pod role)
   * @param secretKeyFile file holding the secret key; null together with {@code accessKey}
   * @param pathStyleAccess true for S3-compatible servers ({@code http://host:port/bucket/key});
   *     false for AWS S3 (virtual-hosted buckets)
   */
  public record S3(
      URI endpoint, String region, String accessKey, Path secretKeyFile, boolean pathStyleAccess) {
    public S3 {
      Objects.requireNonNull(region, "region");
      if ((accessKey == null) != (secretKeyFile == null)) {
        throw new IllegalArgumentException(
            "give both an S3 access key and a secret key file, or neither (default AWS"
                + " credentials)");
      }
    }

    /** S3 settings for an S3-compatible server (such as the local s3proxy): path-style access. */
    public static S3 compatible(URI endpoint, String region, String accessKey, Path secretFile) {
      return new S3(
          Objects.requireNonNull(endpoint, "endpoint"),
          region,
          Objects.requireNonNull(accessKey, "accessKey"),
          Objects.requireNonNull(secretFile, "secretFile"),
          true);
    }

    /** Reads the secret key (trimmed) from {@link #secretKeyFile()}. */
    public String secretKey() {
      if (secretKeyFile == null) {
        throw new IllegalStateException("no S3 secret key file configured");
      }
      try {
        return Files.readString(secretKeyFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the S3 secret key file " + secretKeyFile, e);
      }
    }
  }

  /**
   * The options of the platform's Iceberg jobs and tools that stand for these settings ({@code
   * --catalog-name}, {@code --catalog-uri}, {@code --warehouse}, {@code --namespace}, and for an S3
   * warehouse {@code --s3-endpoint}, {@code --s3-region}, {@code --s3-access-key}, {@code
   * --s3-secret-key-file}, {@code --s3-path-style-access}). The secret key travels as a file name,
   * never as a value. The job catalog's {@code ${iceberg.catalog-args}} expands to these.
   */
  public java.util.List<String> jobArgs() {
    java.util.List<String> args = new java.util.ArrayList<>();
    args.addAll(
        java.util.List.of(
            "--catalog-name", name,
            "--catalog-uri", uri,
            "--warehouse", warehouse,
            "--namespace", namespace));
    if (s3 != null) {
      if (s3.endpoint() != null) {
        args.addAll(java.util.List.of("--s3-endpoint", s3.endpoint().toString()));
      }
      args.addAll(java.util.List.of("--s3-region", s3.region()));
      if (s3.accessKey() != null) {
        args.addAll(java.util.List.of("--s3-access-key", s3.accessKey()));
        args.addAll(java.util.List.of("--s3-secret-key-file", s3.secretKeyFile().toString()));
      }
      if (s3.pathStyleAccess()) {
        args.add("--s3-path-style-access");
      }
    }
    return args;
  }

  /**
   * The catalog the platform config describes.
   *
   * <p>The warehouse is {@code iceberg.warehouse}; when {@code s3.local.enabled} is true and the
   * warehouse was not set explicitly, it is {@code s3://<s3.bucket>/warehouse} on the local S3
   * server. For a warehouse on S3, the endpoint is {@code s3.endpoint} when the local S3 server is
   * on or the endpoint was set explicitly (otherwise none: AWS S3 by region), with path-style
   * access for any endpoint not on {@code amazonaws.com}. The key pair is {@code s3.access-key}
   * with the secret from {@code s3.secret-key-file}; the file is created (random, mode 0600) when
   * the local server is on, and when it is missing on a real S3 the AWS default credentials chain
   * is used instead.
   */
  public static IcebergCatalogSettings from(PlatformConfig config) {
    boolean localS3 = config.get(PlatformOptions.S3_LOCAL_ENABLED);
    String warehouse = config.get(PlatformOptions.ICEBERG_WAREHOUSE);
    if (localS3
        && config.origin(PlatformOptions.ICEBERG_WAREHOUSE) == PlatformConfig.Origin.DEFAULT) {
      warehouse = localS3Warehouse(config.get(PlatformOptions.S3_BUCKET));
    }
    S3 s3 = null;
    if (isS3(warehouse)) {
      URI endpoint =
          localS3 || config.origin(PlatformOptions.S3_ENDPOINT) != PlatformConfig.Origin.DEFAULT
              ? config.get(PlatformOptions.S3_ENDPOINT)
              : null;
      Path secretFile = config.get(PlatformOptions.S3_SECRET_KEY_FILE);
      if (localS3) {
        S3Secret.loadOrCreate(secretFile);
      }
      boolean keys = Files.exists(secretFile);
      s3 =
          new S3(
              endpoint,
              config.get(PlatformOptions.S3_REGION),
              keys ? config.get(PlatformOptions.S3_ACCESS_KEY) : null,
              keys ? secretFile : null,
              endpoint != null && !isAws(endpoint));
    }
    return new IcebergCatalogSettings(
        config.get(PlatformOptions.ICEBERG_CATALOG_NAME),
        config.get(PlatformOptions.ICEBERG_CATALOG_URI),
        warehouse,
        config.get(PlatformOptions.ICEBERG_NAMESPACE),
        s3);
  }

  /** {@code s3://<bucket>/warehouse}: the warehouse on the local S3 server. */
  public static String localS3Warehouse(String bucket) {
    return "s3://" + bucket + "/" + LOCAL_S3_WAREHOUSE_PATH;
  }

  /** Whether a location is on S3 ({@code s3://}, {@code s3a://} or {@code s3n://}). */
  public static boolean isS3(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("s3://") || l.startsWith("s3a://") || l.startsWith("s3n://");
  }

  private static boolean isAws(URI endpoint) {
    String host = endpoint.getHost();
    return host != null && host.toLowerCase(Locale.ROOT).endsWith(".amazonaws.com");
  }

  /** Whether the warehouse is on S3. */
  public boolean onS3() {
    return s3 != null;
  }

  /** The bucket of an S3 warehouse ({@code s3://<bucket>/...}), if it is on S3. */
  public Optional<String> bucket() {
    if (!isS3(warehouse)) {
      return Optional.empty();
    }
    String rest = warehouse.substring(warehouse.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
  }

  /** The SQLite database file of a {@code jdbc:sqlite:} catalog (empty for other databases). */
  public Optional<Path> sqliteFile() {
    String prefix = "jdbc:sqlite:";
    if (!uri.startsWith(prefix)) {
      return Optional.empty();
    }
    String file = uri.substring(prefix.length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.startsWith("file:")) {
      file = file.substring("file:".length());
    }
    return Optional.of(Path.of(file));
  }

  /** {@code <catalog>.<namespace>.<table>}. */
  public String qualify(String table) {
    return name + "." + namespace + "." + table;
  }

  /**
   * The Iceberg catalog properties, with the S3 secret key read from its file: ordered {@code
   * catalog-impl}, {@code uri}, {@code jdbc.schema-version}, {@code warehouse}, then for S3 {@code
   * io-impl}, {@code client.region}, {@code s3.endpoint}, {@code s3.path-style-access}, {@code
   * s3.access-key-id}, {@code s3.secret-access-key}.
   */
  public Map<String, String> properties() {
    return properties(true);
  }

  /** {@link #properties()} with the secret key shown as {@code <redacted>}, for logs and output. */
  public Map<String, String> redactedProperties() {
    return properties(false);
  }

  private Map<String, String> properties(boolean withSecret) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("catalog-impl", JDBC_CATALOG_IMPL);
    p.put("uri", uri);
    // V1 is the schema Iceberg's JDBC catalog creates and Flink and Spark both read; without it
    // an older catalog database would be migrated underneath the other engine
    p.put("jdbc.schema-version", "V1");
    p.put("warehouse", warehouse);
    if (s3 != null) {
      p.put("io-impl", RESOLVING_FILE_IO);
      p.put("client.region", s3.region());
      if (s3.endpoint() != null) {
        p.put("s3.endpoint", s3.endpoint().toString());
      }
      p.put("s3.path-style-access", Boolean.toString(s3.pathStyleAccess()));
      if (s3.accessKey() != null) {
        p.put("s3.access-key-id", s3.accessKey());
        p.put(SECRET_KEY_PROPERTY, withSecret ? s3.secretKey() : REDACTED);
      }
    }
    return Collections.unmodifiableMap(p);
  }

  /**
   * Spark settings that make this catalog Spark's default catalog with {@link #namespace()} as the
   * current namespace, and enable Iceberg's SQL extensions (procedures such as {@code CALL
   * <name>.system.rewrite_data_files}). Ordered; the secret is included.
   */
  public Map<String, String> sparkConf() {
    return sparkConf(properties());
  }

  /** {@link #sparkConf()} with the secret key shown as {@code <redacted>}. */
  public Map<String, String> redactedSparkConf() {
    return sparkConf(redactedProperties());
  }

  private Map<String, String> sparkConf(Map<String, String> properties) {
    Map<String, String> c = new LinkedHashMap<>();
    String prefix = "spark.sql.catalog." + name;
    c.put("spark.sql.extensions", SPARK_EXTENSIONS);
    c.put(prefix, SPARK_CATALOG_CLASS);
    properties.forEach((k, v) -> c.put(prefix + "." + k, v));
    c.put(prefix + ".default-namespace", namespace);
    c.put("spark.sql.defaultCatalog", name);
    return Collections.unmodifiableMap(c);
  }

  private static void requireIdentifier(String value, String what) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "the Iceberg "
              + what
              + " must be a plain SQL identifier (letters, digits, _): '"
              + value
              + "'");
    }
  }

  @Override
  public String toString() {
    return "IcebergCatalogSettings" + redactedProperties();
  }
}
