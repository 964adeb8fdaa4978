package io.playstream.services.catalog;

import io.playstream.services.common.EnvDefaults;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.KafkaEventEmitter;
import io.playstream.services.common.ServiceMain;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the catalog service as a process. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Playstream catalog service: titles, availability, changes via an outbox.",
    footer = EnvDefaults.HELP_FOOTER)
public final class CatalogMain implements Callable<Integer> {
  @Mixin CatalogOptions options = new CatalogOptions();

  public static void main(String[] args) {
    ServiceMain.main(new CatalogMain(), args);
  }

  @Override
  public Integer call() throws Exception {
    CatalogConfig config = options.toConfig(System.getenv());
    EventEmitter emitter = KafkaEventEmitter.create(options.kafkaBootstrap(), config.instanceId());
    CatalogService service;
    try {
      service = CatalogService.start(config, emitter, Clock.systemUTC());
    } catch (RuntimeException e) {
      emitter.close();
      throw e;
    }
    return ServiceMain.serve(CatalogOptions.SERVICE, service, emitter);
  }
}
