package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every job of the built-in catalog points at a jar the build made, and that jar holds the entry
 * class: what `playstream up` and `jobs submit` need. Runs after the job modules are packaged.
 */
class JobCatalogJarsIT {
  @Test
  void everyCatalogJarExistsAndHoldsItsEntryClass() throws Exception {
    Path root = Path.of(System.getProperty("playstream.root", "../.."));
    JobCatalog catalog = JobCatalog.load();
    assertThat(catalog.entries())
        .extracting(JobCatalog.Entry::name)
        .contains(
            "playback-health",
            "cdn-health",
            "sessionizer",
            "sink-iceberg",
            "cassandra-viewing-history",
            "title-index");
    for (JobCatalog.Entry e : catalog.entries()) {
      Path jar = e.jarPath(root);
      assertThat(jar).as(e.name() + " jar (" + e.build() + ")").exists();
      try (JarFile j = new JarFile(jar.toFile())) {
        String cls = e.entryClass().replace('.', '/') + ".class";
        assertThat(j.getEntry(cls)).as(e.name() + ": " + cls + " in " + jar).isNotNull();
      }
      assertThat(Files.size(jar)).isPositive();
    }
  }
}
