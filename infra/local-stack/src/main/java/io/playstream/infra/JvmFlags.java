package io.playstream.infra;

import java.util.List;

/**
 * JVM flags the platform's Java 17 child processes need (Flink, Spark and Kafka reflection into the
 * JDK). The same list is the test JVMs' {@code argLine} in the root pom; see FACTS.md.
 */
public final class JvmFlags {
  private JvmFlags() {}

  private static final List<String> OPENS =
      List.of(
          "java.lang",
          "java.lang.reflect",
          "java.lang.invoke",
          "java.io",
          "java.net",
          "java.nio",
          "java.text",
          "java.time",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "java.util.concurrent.locks",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar",
          "jdk.internal.ref");

  /** {@code --add-opens}/{@code --add-exports} and properties for Flink and Spark on Java 17. */
  public static List<String> java17Opens() {
    List<String> flags = new java.util.ArrayList<>();
    for (String p : OPENS) {
      flags.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    flags.add("--add-exports=java.base/sun.net.util=ALL-UNNAMED");
    flags.add("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED");
    flags.add("--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED");
    flags.add("-Djdk.reflect.useDirectMethodHandle=false");
    flags.add("-Dio.netty.tryReflectionSetAccessible=true");
    return List.copyOf(flags);
  }
}
