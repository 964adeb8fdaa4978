package io.playstream.infra.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkRestExceptionTest {

  @Test
  void internalServerErrorsAreCondensedToTheRootCause() {
    // shape of Flink 2.1's answer to POST /jars/:id/run with an unknown entry class
    String serverSide =
        "<Exception on server side:\n"
            + "java.util.concurrent.CompletionException:"
            + " org.apache.flink.client.program.ProgramInvocationException: The program's entry"
            + " point class 'nope.Missing' was not found in the jar file.\n"
            + "\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.handleRequest("
            + "JarRunHandler.java:100)\n"
            + "Caused by: org.apache.flink.client.program.ProgramInvocationException: The"
            + " program's entry point class 'nope.Missing' was not found in the jar file.\n"
            + "\tat org.apache.flink.client.program.PackagedProgram.loadMainClass("
            + "PackagedProgram.java:469)\n"
            + "Caused by: java.lang.ClassNotFoundException: nope.Missing\n"
            + "\tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)\n"
            + "\nEnd of exception on server side>";

    String summary = FlinkRestException.summarize(List.of("Internal server error.", serverSide));

    assertThat(summary)
        .isEqualTo(
            // the innermost cause (ClassNotFoundException: nope.Missing) adds nothing here
            "The program's entry point class 'nope.Missing' was not found in the jar file.");
  }

  @Test
  void notFoundAnswersKeepTheirMessage() {
    String error =
        "org.apache.flink.runtime.rest.NotFoundException: Job ffffffffffffffffffffffffffffffff"
            + " not found\n"
            + "\tat org.apache.flink.runtime.rest.handler.job.AbstractExecutionGraphHandler"
            + ".lambda$handleRequest$1(AbstractExecutionGraphHandler.java:99)\n"
            + "Caused by: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not"
            + " find Flink job (ffffffffffffffffffffffffffffffff)\n";

    assertThat(FlinkRestException.summarize(List.of(error)))
        .isEqualTo(
            "Job ffffffffffffffffffffffffffffffff not found (cause: Could not find Flink job"
                + " (ffffffffffffffffffffffffffffffff))");
  }

  @Test
  void plainMessagesStayAsTheyAre() {
    assertThat(FlinkRestException.summarize(List.of("Not found: /jars/x/run")))
        .isEqualTo("Not found: /jars/x/run");
    assertThat(FlinkRestException.summarize(List.of())).isEqualTo("no error text");
  }
}
