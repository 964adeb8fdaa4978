package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SparkToolTest {
  @Test
  void jvmOptionsOpenWhatSparkNeedsOnJava17() {
    assertThat(SparkTool.jvmOptions())
        .contains(
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false")
        .noneMatch(o -> o.startsWith("#") || o.isBlank());
  }

  @Test
  void driverArgsAddHeapAndTheLogFile() {
    assertThat(SparkTool.driverJvmArgs("1g", Path.of("/state/logs/spark-sql.log")))
        .contains(
            "-Xmx1g",
            "-Dplaystream.spark.log=/state/logs/spark-sql.log",
            "-Dlog4j2.configurationFile=playstream-spark-log4j2.properties");
  }

  @Test
  void mainClassNamesAreTheClasses() {
    assertThat(SparkTool.SQL_MAIN).isEqualTo(SparkSqlMain.class.getName());
    assertThat(SparkTool.TABLES_MAIN).isEqualTo(TablesMain.class.getName());
  }
}
