package io.playstream.services.playback;

import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.services.common.ServiceMain;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the playback service (Play API) as a process. */
@Command(
    name = "playback",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Playstream Play API: play requests, sessions and viewer telemetry.",
    footer = EnvDefaults.HELP_FOOTER)
public final class PlaybackMain implements Callable<Integer> {
  @Mixin PlaybackOptions options = new PlaybackOptions();

  public static void main(String[] args) {
    ServiceMain.main(new PlaybackMain(), args);
  }

  @Override
  public Integer call() throws Exception {
    PlaybackConfig config = options.toConfig(System.getenv());
    EventEmitter emitter = KafkaEventEmitter.create(options.kafkaBootstrap(), config.instanceId());
    PlaybackService service;
    try {
      service = PlaybackService.start(config, emitter, Clock.systemUTC());
    } catch (RuntimeException e) {
      emitter.close();
      throw e;
    }
    return ServiceMain.serve(PlaybackOptions.SERVICE, service, emitter);
  }
}
