package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.junit.jupiter.api.Test;

class TableMaintenanceTest {
  @Test
  void concurrentCommitsAreConflictsWhereverTheyAreWrapped() {
    assertThat(TableMaintenance.isConflict(new ValidationException("Deleted manifest ...")))
        .isTrue();
    assertThat(
            TableMaintenance.isConflict(
                new RuntimeException("wrapped", new CommitFailedException("stale metadata"))))
        .isTrue();
    assertThat(TableMaintenance.isConflict(new IllegalStateException("disk full"))).isFalse();
  }

  @Test
  void filesDeletedDuringAListingAreRecognised() {
    assertThat(
            TableMaintenance.isVanishedFile(
                new UncheckedIOException(new NoSuchFileException("/w/metadata/snap-1.avro"))))
        .isTrue();
    // Hadoop's local file system reports it through the exit code of `ls`
    assertThat(
            TableMaintenance.isVanishedFile(
                new RuntimeException(
                    "Error while running command to get file permissions : ExitCodeException"
                        + " exitCode=2: ls: cannot access 'x': No such file or directory")))
        .isTrue();
    assertThat(TableMaintenance.isVanishedFile(new RuntimeException("permission denied")))
        .isFalse();
  }
}
