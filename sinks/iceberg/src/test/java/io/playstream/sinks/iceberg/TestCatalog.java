package io.playstream.sinks.iceberg;

import io.playstream.infra.IcebergCatalogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/** A JDBC (SQLite) catalog with a file warehouse in a test folder, as the platform runs it. */
final class TestCatalog implements AutoCloseable {
  static final String NAME = "playstream";
  static final String NAMESPACE = "playstream";

  final IcebergCatalogSettings settings;
  final CatalogLoader loader;
  final Catalog catalog;

  TestCatalog(Path dir) {
    settings =
        new IcebergCatalogSettings(
            NAME,
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            dir.resolve("warehouse").toUri().toString(),
            NAMESPACE,
            null);
    loader = IcebergCatalogs.loader(settings);
    catalog = loader.loadCatalog();
  }

  Table table(String name) {
    return catalog.loadTable(TableIdentifier.of(NAMESPACE, name));
  }

  /** Every row of a table, read with Iceberg's generic reader (deletes applied). */
  static List<Record> rows(Table table) {
    table.refresh();
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      it.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    if (catalog instanceof AutoCloseable c) {
      c.close();
    }
  }
}
