package io.playstream.sinks.iceberg;

import io.playstream.infra.IcebergCatalogSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/** Flink catalog loaders for the platform catalog ({@link IcebergCatalogSettings}). */
public final class IcebergCatalogs {
  private static final Map<String, String> DRIVERS =
      Map.of("jdbc:sqlite:", "org.sqlite.JDBC", "jdbc:postgresql:", "org.postgresql.Driver");

  private IcebergCatalogs() {}

  /**
   * A serializable loader of the platform's JDBC catalog, opened on each task. The catalog name
   * must be the one Spark uses: the JDBC catalog keys its rows by it.
   */
  public static CatalogLoader loader(IcebergCatalogSettings settings) {
    Map<String, String> props = new HashMap<>(settings.properties());
    CatalogLoader custom =
        CatalogLoader.custom(
            settings.name(), props, new Configuration(), IcebergCatalogSettings.JDBC_CATALOG_IMPL);
    return new DriverLoadingCatalogLoader(custom, settings.uri());
  }

  /**
   * Loads the JDBC driver class from the job's own class loader before the catalog connects. {@code
   * DriverManager} finds drivers through the service loader only once per JVM, with the class
   * loader current at that moment; a driver shaded into a job jar is then invisible to later jobs
   * (and to a job whose class loader was replaced after a restart). Loading the class registers it
   * again for the calling class loader.
   */
  static final class DriverLoadingCatalogLoader implements CatalogLoader {
    private static final long serialVersionUID = 1L;
    private final CatalogLoader delegate;
    private final String uri;

    DriverLoadingCatalogLoader(CatalogLoader delegate, String uri) {
      this.delegate = delegate;
      this.uri = uri;
    }

    @Override
    public Catalog loadCatalog() {
      for (Map.Entry<String, String> d : DRIVERS.entrySet()) {
        if (uri.startsWith(d.getKey())) {
          try {
            Class.forName(d.getValue(), true, IcebergCatalogs.class.getClassLoader());
          } catch (ClassNotFoundException e) {
            // not bundled: DriverManager may still find it on the classpath
          }
        }
      }
      return delegate.loadCatalog();
    }

    @Override
    @SuppressWarnings({"MethodDoesntCallSuperMethod", "checkstyle:NoClone"})
    public CatalogLoader clone() {
      return new DriverLoadingCatalogLoader(delegate.clone(), uri);
    }

    @Override
    public String toString() {
      return "JdbcCatalogLoader{" + uri + ", " + delegate + "}";
    }
  }
}
