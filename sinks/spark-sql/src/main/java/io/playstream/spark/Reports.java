package io.playstream.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/** Text for {@code playstream tables}: the maintenance report, the table list, a description. */
final class Reports {
  private Reports() {}

  /** The report of one maintenance run: before -> after for each count. */
  static String maintenance(TableMaintenance.Result r) {
    TableStats b = r.before();
    TableStats a = r.after();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s (%.1f s)%n", r.table(), r.took().toMillis() / 1000.0));
    if (b.lastCommit() == null) {
      sb.append("  no snapshot yet: nothing to do\n");
      return sb.toString();
    }
    line(
        sb,
        "data files",
        b.dataFiles(),
        a.dataFiles(),
        "compaction rewrote " + r.rewrittenDataFiles() + " into " + r.addedDataFiles());
    line(
        sb,
        "snapshots",
        b.snapshots(),
        a.snapshots(),
        "kept newer than "
            + r.plan().expireOlderThan()
            + " and the last "
            + r.plan().retainLast()
            + (r.plan().writerSnapshot() != null
                ? ", down to the writer's snapshot " + r.plan().writerSnapshot()
                : ""));
    if (b.storageFiles() >= 0) {
      line(
          sb,
          "files on storage",
          b.storageFiles(),
          a.storageFiles(),
          size(b.storageBytes())
              + " -> "
              + size(a.storageBytes())
              + "; "
              + r.deletedFiles()
              + " deleted with expired snapshots, "
              + r.orphansRemoved()
              + " orphans removed");
    }
    line(sb, "rows", b.records(), a.records(), "");
    if (r.metadataCleanupEnabled()) {
      sb.append("  enabled write.metadata.delete-after-commit.enabled: commits now delete old")
          .append(" metadata.json files\n");
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String what, long before, long after, String note) {
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-17s %8d -> %-8d%s%n",
            what,
            before,
            after,
            note.isEmpty() ? "" : " (" + note + ")"));
  }

  /** The table list as a result for {@link OutputFormat}. */
  static QueryResult tableList(List<String> names, List<TableStats> stats) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      TableStats s = stats.get(i);
      List<Object> row = new ArrayList<>();
      row.add(names.get(i));
      row.add(s.records());
      row.add(s.dataFiles());
      row.add(size(s.dataBytes()));
      row.add(s.snapshots());
      row.add(s.lastCommit() == null ? null : s.lastCommit().toString());
      rows.add(row);
    }
    return new QueryResult(
        List.of("table", "rows", "data_files", "size", "snapshots", "last_commit"), rows, false);
  }

  /** A table's description: schema, partition spec, snapshot, counts. */
  static String describe(String qualifiedName, Table t, TableStats s) {
    StringBuilder sb = new StringBuilder();
    sb.append("table:            ").append(qualifiedName).append('\n');
    sb.append("location:         ").append(t.location()).append('\n');
    sb.append("format version:   ")
        .append(t.properties().getOrDefault("format-version", formatVersion(t)))
        .append('\n');
    sb.append("schema:\n");
    Schema schema = t.schema();
    List<List<Object>> rows = new ArrayList<>();
    for (Types.NestedField f : schema.columns()) {
      rows.add(
          new ArrayList<>(
              Arrays.asList(
                  f.fieldId(),
                  f.name(),
                  f.type().toString(),
                  f.isRequired() ? "required" : "optional",
                  f.doc() == null ? "" : f.doc())));
    }
    sb.append(
        indent(
            OutputFormat.TABLE.render(
                new QueryResult(List.of("id", "column", "type", "null", "doc"), rows, false))));
    sb.append("partitioned by:   ").append(partitioning(t)).append('\n');
    sb.append("sort order:       ")
        .append(
            t.sortOrder().isUnsorted() ? "unsorted" : t.sortOrder().toString().replace('\n', ' '))
        .append('\n');
    Snapshot current = t.currentSnapshot();
    if (current == null) {
      sb.append("current snapshot: none (no data yet)\n");
    } else {
      sb.append("current snapshot: ")
          .append(current.snapshotId())
          .append(" at ")
          .append(Instant.ofEpochMilli(current.timestampMillis()))
          .append(" (")
          .append(current.operation())
          .append(")\n");
    }
    sb.append("snapshots:        ").append(s.snapshots()).append('\n');
    sb.append("data files:       ")
        .append(s.dataFiles())
        .append(" (")
        .append(size(s.dataBytes()))
        .append(")\n");
    if (s.storageFiles() >= 0) {
      sb.append("files on storage: ")
          .append(s.storageFiles())
          .append(" (")
          .append(size(s.storageBytes()))
          .append(", data and metadata)\n");
    }
    sb.append("rows:             ").append(s.records()).append('\n');
    return sb.toString();
  }

  private static String formatVersion(Table t) {
    if (t instanceof org.apache.iceberg.HasTableOperations ops) {
      return Integer.toString(ops.operations().current().formatVersion());
    }
    return "?";
  }

  static String partitioning(Table t) {
    if (t.spec().isUnpartitioned()) {
      return "(unpartitioned)";
    }
    List<String> parts = new ArrayList<>();
    for (PartitionField f : t.spec().fields()) {
      parts.add(f.transform() + "(" + t.schema().findColumnName(f.sourceId()) + ")");
    }
    return String.join(", ", parts);
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.toString();
  }

  /** Bytes as B, KB, MB, GB (powers of 1024, one decimal). */
  static String size(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
