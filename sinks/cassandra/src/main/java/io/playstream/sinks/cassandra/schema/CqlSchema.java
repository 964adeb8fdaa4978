package io.playstream.sinks.cassandra.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's Cassandra schema as versioned CQL files, applied idempotently.
 *
 * <p>The files are resources {@code cql/V001__keyspace.cql}, {@code cql/V002__...}, listed in order
 * in {@value #INDEX}. {@link #apply} creates the keyspace when it is missing, then runs every file
 * whose version is not yet recorded in the keyspace's {@value #VERSION_TABLE} table and records it
 * (version, name, checksum, time). Already applied files are checked against their recorded
 * checksum: a file changed after it was applied fails the call (add a new version instead). Every
 * statement is written to be safe to run twice ({@code IF NOT EXISTS}), so a start that died
 * between running a file and recording it simply runs it again. Safe to call at every start.
 */
public final class CqlSchema {
  /** Resource listing the migration files in order, one per line. */
  public static final String INDEX = "cql/index.txt";

  /** Table (in the platform keyspace) recording applied versions. */
  public static final String VERSION_TABLE = "schema_version";

  /** Local replication: one copy. */
  public static final String LOCAL_REPLICATION =
      "{'class': 'SimpleStrategy', 'replication_factor': 1}";

  private static final Logger LOG = LoggerFactory.getLogger(CqlSchema.class);
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  private CqlSchema() {}

  /** What {@link #apply} did. */
  public record Result(List<CqlMigration> applied, List<CqlMigration> alreadyApplied) {
    /** The versions applied by this call. */
    public List<Integer> appliedVersions() {
      return applied.stream().map(CqlMigration::version).toList();
    }
  }

  /** Applies pending migrations to {@code keyspace} with {@link #LOCAL_REPLICATION}. */
  public static Result apply(CqlSession session, String keyspace) {
    return apply(session, keyspace, LOCAL_REPLICATION);
  }

  /**
   * Applies pending migrations.
   *
   * @param replication the replication map used if the keyspace has to be created
   * @throws IllegalStateException when an applied file changed since
   */
  public static Result apply(CqlSession session, String keyspace, String replication) {
    List<CqlMigration> migrations = migrations();
    Map<String, String> placeholders = Map.of("keyspace", keyspace, "replication", replication);
    if (!keyspaceExists(session, keyspace)) {
      CqlMigration first = migrations.get(0);
      LOG.info("creating keyspace {} ({})", keyspace, first);
      run(session, first, placeholders);
    }
    execute(
        session,
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + "."
            + VERSION_TABLE
            + " (version int PRIMARY KEY, name text, checksum text, applied_at timestamp)");
    Map<Integer, String[]> recorded = new HashMap<>();
    for (Row r :
        session.execute(
            SimpleStatement.newInstance(
                    "SELECT version, name, checksum FROM " + keyspace + "." + VERSION_TABLE)
                .setTimeout(DDL_TIMEOUT))) {
      recorded.put(
          r.getInt("version"), new String[] {r.getString("name"), r.getString("checksum")});
    }
    List<CqlMigration> applied = new ArrayList<>();
    List<CqlMigration> already = new ArrayList<>();
    for (CqlMigration m : migrations) {
      String[] rec = recorded.remove(m.version());
      if (rec != null) {
        if (!m.checksum().equals(rec[1])) {
          throw new IllegalStateException(
              m
                  + " changed after it was applied to keyspace "
                  + keyspace
                  + " (recorded checksum "
                  + rec[1]
                  + ", file "
                  + m.checksum()
                  + "); add a new version instead of editing an applied one");
        }
        already.add(m);
        continue;
      }
      LOG.info("applying {} to keyspace {}", m, keyspace);
      run(session, m, placeholders);
      session.execute(
          SimpleStatement.newInstance(
                  "INSERT INTO "
                      + keyspace
                      + "."
                      + VERSION_TABLE
                      + " (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                  m.version(),
                  m.name(),
                  m.checksum(),
                  Instant.now())
              .setTimeout(DDL_TIMEOUT));
      applied.add(m);
    }
    if (!recorded.isEmpty()) {
      LOG.warn(
          "keyspace {} has versions {} that this build does not know (applied by a newer one?)",
          keyspace,
          recorded.keySet());
    }
    return new Result(List.copyOf(applied), List.copyOf(already));
  }

  /** The versions recorded in a keyspace's {@value #VERSION_TABLE} table, ascending. */
  public static List<Integer> appliedVersions(CqlSession session, String keyspace) {
    List<Integer> out = new ArrayList<>();
    for (Row r : session.execute("SELECT version FROM " + keyspace + "." + VERSION_TABLE).all()) {
      out.add(r.getInt(0));
    }
    out.sort(null);
    return out;
  }

  /**
   * The migrations shipped on the classpath, in version order.
   *
   * @throws IllegalStateException when the index names a missing file or versions are not 1, 2, 3
   *     ... without gaps
   */
  public static List<CqlMigration> migrations() {
    ClassLoader loader = CqlSchema.class.getClassLoader();
    List<CqlMigration> out = new ArrayList<>();
    for (String file : indexEntries(read(loader, INDEX))) {
      out.add(CqlMigration.of(file, read(loader, "cql/" + file)));
    }
    checkOrder(out);
    return out;
  }

  /** The file names of an index text: one per line, blank lines and {@code #} comments skipped. */
  static List<String> indexEntries(String index) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : index.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (!out.add(l)) {
        throw new IllegalStateException(INDEX + " lists " + l + " twice");
      }
    }
    return List.copyOf(out);
  }

  /** Versions must be 1, 2, 3... in order: a gap or a duplicate is a mistake in the index. */
  static void checkOrder(List<CqlMigration> migrations) {
    if (migrations.isEmpty()) {
      throw new IllegalStateException(INDEX + " lists no migrations");
    }
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalStateException(
            "CQL migrations must be numbered 1, 2, 3... in "
                + INDEX
                + " order; position "
                + (i + 1)
                + " is "
                + migrations.get(i));
      }
    }
  }

  private static boolean keyspaceExists(CqlSession session, String keyspace) {
    return session
            .execute(
                SimpleStatement.newInstance(
                    "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
                    keyspace))
            .one()
        != null;
  }

  private static void run(CqlSession session, CqlMigration m, Map<String, String> placeholders) {
    for (String statement : m.statements(placeholders)) {
      execute(session, statement);
    }
  }

  private static void execute(CqlSession session, String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
