package io.playstream.sinks.iceberg;

import io.playstream.flink.DeadLetter;
import io.playstream.flink.FlinkJobOptions;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.PlatformSinks;
import io.playstream.flink.PlatformSources;
import io.playstream.flink.RawEvent;
import io.playstream.infra.IcebergCatalogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The Iceberg sink job: platform events from the route topics (and the session summaries) into the
 * platform's Iceberg tables, exactly once.
 *
 * <p>{@link #build} is the pure pipeline: it brings every table in line with its definition ({@link
 * TableSync}), decodes and converts each event once ({@link RowRouter}), completes partial rows of
 * upsert tables ({@link PartialRowMerger}) and writes each table with Iceberg's {@link
 * IcebergSink}, which commits one snapshot per table per checkpoint; the Kafka offsets are part of
 * the same checkpoint, so after a failure the job resumes from the last checkpoint and the
 * committer skips what that checkpoint already committed (the snapshot summary carries the job id
 * and checkpoint id). What cannot be decoded or converted comes back as dead letters.
 *
 * <p>{@link #main} reads the topics with {@code read_committed}, and sends dead letters to {@code
 * playstream.dlq} exactly once.
 */
@Command(
    name = "sink-iceberg",
    mixinStandardHelpOptions = true,
    description = "Writes platform events into the Iceberg tables (exactly once).")
public final class IcebergSinkJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergSinkJob.class);

  /** Job name, consumer group default, dead-letter component. */
  public static final String NAME = "sink-iceberg";

  @Mixin FlinkJobOptions job = new FlinkJobOptions();
  @Mixin IcebergSinkOptions iceberg = new IcebergSinkOptions();

  /**
   * What the pipeline needs besides its input.
   *
   * @param namespace namespace of the tables
   * @param tables the tables to write
   * @param writeParallelism writers per table, or 0 for the input's parallelism
   * @param name operator name / uid prefix and dead-letter component
   */
  public record Settings(
      Namespace namespace, List<TableDefinition> tables, int writeParallelism, String name) {
    public Settings {
      Objects.requireNonNull(namespace, "namespace");
      if (tables == null || tables.isEmpty()) {
        throw new IllegalArgumentException("no tables to write");
      }
      tables = List.copyOf(tables);
      name = name == null ? NAME : name;
    }

    /** Every table, the input's parallelism. */
    public static Settings of(String namespace, List<TableDefinition> tables) {
      return new Settings(Namespace.of(namespace), tables, 0, NAME);
    }
  }

  /**
   * The built pipeline.
   *
   * @param deadLetters records that could not be decoded or converted (attach a sink)
   * @param tables the tables written, as they were after {@link TableSync}
   * @param sinks the Iceberg sink of each table
   */
  public record Pipeline(
      DataStream<DeadLetter> deadLetters,
      Map<String, Table> tables,
      Map<String, DataStreamSink<RowData>> sinks) {}

  /**
   * Builds the pipeline over a stream of raw platform records (any mix of the tables' event types;
   * others are skipped). Creates or evolves the tables first, through the catalog.
   */
  public static Pipeline build(
      DataStream<RawEvent> events, CatalogLoader catalogLoader, Settings settings) {
    Map<String, Table> tables = syncTables(catalogLoader, settings);
    List<RowRouter.Binding> bindings = new ArrayList<>();
    for (TableDefinition d : settings.tables()) {
      bindings.add(new RowRouter.Binding(d, tables.get(d.name()).schema()));
      boolean partial = d.inputs().stream().anyMatch(m -> !m.derivesSchema());
      if (partial && !d.upsert()) {
        throw new IllegalArgumentException(
            "table " + d.name() + " has partial inputs but no identifier columns");
      }
    }
    RowRouter.Routed routed = RowRouter.route(events, settings.name(), bindings);
    Map<String, DataStreamSink<RowData>> sinks = new LinkedHashMap<>();
    for (TableDefinition d : settings.tables()) {
      Table table = tables.get(d.name());
      DataStream<RowData> rows = routed.rows(d.name());
      if (d.upsert()) {
        rows =
            rows.keyBy(PartialRowMerger.keySelector(table.schema(), d.identifierColumns()))
                .process(new PartialRowMerger(table.schema()), RowRouter.rowType(table.schema()))
                .name("merge " + d.name())
                .uid("merge-" + settings.name() + "-" + d.name());
      }
      sinks.put(d.name(), write(rows, catalogLoader, settings, d));
    }
    return new Pipeline(routed.deadLetters(), tables, sinks);
  }

  /**
   * Fails the job at build time when an operator has no explicit uid ({@code
   * pipeline.auto-generate-uid: false}), so a changed job still maps its state (the Iceberg
   * committer's pending commits) when restored from a savepoint.
   */
  public static void requireUids(StreamExecutionEnvironment env) {
    Configuration c = new Configuration();
    c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    env.configure(c);
  }

  /**
   * Lets chained operators hand records on without a defensive copy ({@code pipeline.object-reuse:
   * true}). Safe for this pipeline: the Kafka deserializer and {@link RowRouter} create a new
   * object per record and keep none, {@link PartialRowMerger} keeps copies, and Iceberg's writers
   * copy what they keep (equality keys); without it every row is deep-copied between the router and
   * the writer.
   */
  public static void reuseObjects(StreamExecutionEnvironment env) {
    env.getConfig().enableObjectReuse();
  }

  /** Creates or evolves every table of the settings; returns them by name. */
  public static Map<String, Table> syncTables(CatalogLoader catalogLoader, Settings settings) {
    Catalog catalog = catalogLoader.loadCatalog();
    try {
      Map<String, Table> out = new LinkedHashMap<>();
      for (TableDefinition d : settings.tables()) {
        TableSync.Result r = TableSync.ensure(catalog, settings.namespace(), d);
        LOG.info("table {}.{}: {}", settings.namespace(), d.name(), r.outcome());
        out.put(d.name(), r.table());
      }
      return out;
    } finally {
      closeQuietly(catalog);
    }
  }

  /**
   * Writes rows laid out as the table's current schema (see {@link AvroRowConverter}) with
   * Iceberg's {@link IcebergSink}: exactly once, one commit per checkpoint; upserts by the
   * identifier columns for an upsert table. Operator uids end in {@code <name>-<table>}.
   */
  public static DataStreamSink<RowData> write(
      DataStream<RowData> rows, CatalogLoader loader, Settings settings, TableDefinition d) {
    TableLoader tableLoader =
        TableLoader.fromCatalog(loader, TableIdentifier.of(settings.namespace(), d.name()));
    IcebergSink.Builder b =
        IcebergSink.forRowData(rows)
            .tableLoader(tableLoader)
            .uidSuffix(settings.name() + "-" + d.name());
    if (d.upsert()) {
      b.upsert(true).equalityFieldColumns(d.identifierColumns());
    }
    if (settings.writeParallelism() > 0) {
      b.writeParallelism(settings.writeParallelism());
    }
    return b.append();
  }

  private static void closeQuietly(Catalog catalog) {
    if (catalog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        LOG.warn("closing the catalog: {}", e.toString());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    IcebergCatalogSettings catalog = iceberg.catalog();
    List<TableDefinition> tables = iceberg.tableDefinitions();
    List<String> topics = iceberg.topics(tables);
    LOG.info(
        "{}: topics {} → tables {} in {}",
        NAME,
        topics,
        tables.stream().map(TableDefinition::name).toList(),
        catalog);

    StreamExecutionEnvironment env = JobEnvironment.create(job);
    requireUids(env);
    reuseObjects(env);
    DataStream<RawEvent> raw =
        env.fromSource(
                PlatformSources.kafka(
                    job.bootstrapServers, job.groupIdOr(NAME), job.startingOffsets, topics),
                WatermarkStrategy.noWatermarks(),
                "iceberg topics")
            .uid("source-" + NAME);
    Pipeline p =
        build(
            raw,
            IcebergCatalogs.loader(catalog),
            new Settings(
                Namespace.of(catalog.namespace()), tables, iceberg.writeParallelism, NAME));
    p.deadLetters()
        .sinkTo(PlatformSinks.deadLetters(job.bootstrapServers, NAME + "-dlq"))
        .name("dead letters")
        .uid("dlq-" + NAME);
    env.execute(NAME);
    return 0;
  }

  /**
   * Parses the options and runs the job. Never calls {@code System.exit}: on a cluster the main
   * runs inside the JobManager, so failures are thrown (bad options as picocli's {@code
   * ParameterException}).
   */
  public static void main(String[] args) throws Exception {
    IcebergSinkJob app = new IcebergSinkJob();
    CommandLine cmd = new CommandLine(app);
    cmd.parseArgs(args);
    if (cmd.isUsageHelpRequested()) {
      cmd.usage(System.out);
      return;
    }
    if (cmd.isVersionHelpRequested()) {
      cmd.printVersionHelp(System.out);
      return;
    }
    app.call();
  }
}
