package io.playstream.services.steering;

import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.services.common.ServiceMain;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the steering service as a process. */
@Command(
    name = "steering",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Playstream CDN steering service: ranks CDN servers for each play.",
    footer = EnvDefaults.HELP_FOOTER)
public final class SteeringMain implements Callable<Integer> {
  @Mixin SteeringOptions options = new SteeringOptions();

  public static void main(String[] args) {
    ServiceMain.main(new SteeringMain(), args);
  }

  @Override
  public Integer call() throws Exception {
    SteeringConfig config = options.toConfig();
    EventEmitter emitter = KafkaEventEmitter.create(options.kafkaBootstrap(), config.instanceId());
    SteeringService service;
    try {
      service = SteeringService.start(config, emitter, Clock.systemUTC());
    } catch (RuntimeException e) {
      emitter.close();
      throw e;
    }
    return ServiceMain.serve(SteeringOptions.SERVICE, service, emitter);
  }
}
