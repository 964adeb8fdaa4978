package io.playstream.sinks.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a table in line with its {@link TableDefinition} before a job writes to it.
 *
 * <ul>
 *   <li>missing namespace or table: created with the derived schema, partition spec, sort order and
 *       properties;
 *   <li>existing table: columns the derived schema has and the table lacks are added (always
 *       optional, with fresh field ids, via {@code unionByNameWith}); a required column the records
 *       now declare optional is made optional; nothing is ever dropped or renamed, and the
 *       partition spec and sort order are left as they are (changing them is a deliberate
 *       operation, not a side effect of a deploy). Properties the definition has and the table
 *       lacks are added; properties set on the table are kept.
 * </ul>
 *
 * <p>An incompatible change (a column whose type changed in a way Iceberg cannot promote) fails
 * with the catalog's exception, before any data is written.
 */
public final class TableSync {
  private static final Logger LOG = LoggerFactory.getLogger(TableSync.class);

  private TableSync() {}

  /** What {@link #ensure} did. */
  public enum Outcome {
    CREATED,
    EVOLVED,
    UNCHANGED
  }

  /** The table after {@link #ensure}, and what was done to it. */
  public record Result(Table table, Outcome outcome, List<String> addedColumns) {}

  /** Creates or evolves {@code namespace.definition.name()}. */
  public static Result ensure(Catalog catalog, Namespace namespace, TableDefinition definition) {
    if (catalog instanceof SupportsNamespaces ns && !ns.namespaceExists(namespace)) {
      try {
        ns.createNamespace(namespace, Map.of());
        LOG.info("created namespace {}", namespace);
      } catch (AlreadyExistsException e) {
        // created concurrently by another job
      }
    }
    TableIdentifier id = TableIdentifier.of(namespace, definition.name());
    Schema derived = definition.schema();
    if (!catalog.tableExists(id)) {
      try {
        Table created =
            catalog
                .buildTable(id, derived)
                .withPartitionSpec(definition.partitionSpec(derived))
                .withSortOrder(definition.sortOrder(derived))
                .withProperties(definition.createProperties())
                .create();
        LOG.info("created table {} with schema {}", id, created.schema());
        return new Result(created, Outcome.CREATED, List.of());
      } catch (AlreadyExistsException e) {
        LOG.info("table {} was created concurrently; evolving it instead", id);
      }
    }
    Table table = catalog.loadTable(id);
    Schema before = table.schema();
    List<String> added = new ArrayList<>();
    for (Types.NestedField f : derived.columns()) {
      if (before.findField(f.name()) == null) {
        added.add(f.name());
      }
    }
    UpdateSchema update = table.updateSchema().unionByNameWith(derived);
    Schema after = update.apply();
    boolean schemaChanged = !after.sameSchema(before);
    if (schemaChanged) {
      update.commit();
      LOG.info("evolved table {}: added columns {}; schema now {}", id, added, after);
    }
    boolean propsChanged = addMissingProperties(table, definition.createProperties());
    table.refresh();
    Outcome outcome = schemaChanged || propsChanged ? Outcome.EVOLVED : Outcome.UNCHANGED;
    return new Result(table, outcome, List.copyOf(added));
  }

  private static boolean addMissingProperties(Table table, Map<String, String> wanted) {
    UpdateProperties update = table.updateProperties();
    boolean any = false;
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      if (e.getKey().equals("format-version")) {
        continue; // upgrading the format is an explicit operation
      }
      if (!table.properties().containsKey(e.getKey())) {
        update.set(e.getKey(), e.getValue());
        any = true;
      }
    }
    if (any) {
      update.commit();
    }
    return any;
  }
}
