package io.playstream.infra;

import java.util.concurrent.CountDownLatch;

/** A stand-in component for supervisor tests: runs until signalled, saying so in its log. */
public final class SleeperMain {
  static final String STARTED = "sleeper started";
  static final String STOPPING = "sleeper stopping on SIGTERM";

  private SleeperMain() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(STOPPING)));
    System.out.println(STARTED);
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
