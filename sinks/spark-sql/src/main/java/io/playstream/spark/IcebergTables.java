package io.playstream.spark;

import io.playstream.infra.IcebergCatalogSettings;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * The platform's Iceberg tables through Iceberg's own catalog API (no Spark): list them, describe
 * one, and count what a table holds, for {@code playstream tables} and the maintenance report.
 */
public final class IcebergTables implements Closeable {
  /** SnapshotSummary keys (Iceberg writes them on every commit). */
  static final String TOTAL_DATA_FILES = "total-data-files";

  static final String TOTAL_RECORDS = "total-records";
  static final String TOTAL_FILES_SIZE = "total-files-size";

  private final IcebergCatalogSettings settings;
  private final Catalog catalog;

  /** Opens the catalog the settings describe. */
  public IcebergTables(IcebergCatalogSettings settings) {
    this.settings = settings;
    this.catalog =
        CatalogUtil.buildIcebergCatalog(
            settings.name(), settings.properties(), new Configuration());
  }

  /** The settings. */
  public IcebergCatalogSettings settings() {
    return settings;
  }

  /** The namespace of the platform's tables. */
  public Namespace namespace() {
    return Namespace.of(settings.namespace());
  }

  /** Whether the namespace exists (it does once a sink created a table). */
  public boolean namespaceExists() {
    return !(catalog instanceof SupportsNamespaces ns) || ns.namespaceExists(namespace());
  }

  /** The tables of the namespace, sorted by name; empty when the namespace does not exist. */
  public List<String> tableNames() {
    if (!namespaceExists()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (TableIdentifier id : catalog.listTables(namespace())) {
      out.add(id.name());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * Loads a table of the namespace (fresh metadata).
   *
   * @throws org.apache.iceberg.exceptions.NoSuchTableException when it does not exist
   */
  public Table load(String table) {
    return catalog.loadTable(TableIdentifier.of(namespace(), table));
  }

  /** What a table holds now. */
  public TableStats stats(String table) {
    return stats(load(table));
  }

  /** What a table holds now (its current snapshot's totals, snapshot count, files on storage). */
  public static TableStats stats(Table t) {
    Snapshot current = t.currentSnapshot();
    Map<String, String> summary = current == null ? Map.of() : current.summary();
    long snapshots = 0;
    for (Snapshot ignored : t.snapshots()) {
      snapshots++;
    }
    long[] storage = storage(t.io(), t.location());
    return new TableStats(
        number(summary, TOTAL_DATA_FILES),
        number(summary, TOTAL_RECORDS),
        number(summary, TOTAL_FILES_SIZE),
        snapshots,
        storage[0],
        storage[1],
        current == null ? null : Instant.ofEpochMilli(current.timestampMillis()));
  }

  /** Attempts at listing a table's files while a writer may delete some of them. */
  private static final int LIST_ATTEMPTS = 5;

  /**
   * Files and bytes under a location, or -1 / -1 when the file IO cannot list. A running writer (or
   * its own metadata cleanup) may delete a file between the listing and its status, which the local
   * file system reports as a failure of the whole listing: the listing is then taken again.
   */
  static long[] storage(FileIO io, String location) {
    if (!(io instanceof SupportsPrefixOperations prefixes)) {
      return new long[] {-1, -1};
    }
    String prefix = location.endsWith("/") ? location : location + "/";
    RuntimeException last = null;
    for (int attempt = 1; attempt <= LIST_ATTEMPTS; attempt++) {
      try {
        long files = 0;
        long bytes = 0;
        for (FileInfo f : prefixes.listPrefix(prefix)) {
          files++;
          bytes += f.size();
        }
        return new long[] {files, bytes};
      } catch (RuntimeException e) { // a file vanished mid-listing (Hadoop wraps the cause)
        last = e;
      }
    }
    throw last;
  }

  private static long number(Map<String, String> summary, String key) {
    String v = summary.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  @Override
  public void close() throws IOException {
    if (catalog instanceof Closeable c) {
      c.close();
    }
  }
}
