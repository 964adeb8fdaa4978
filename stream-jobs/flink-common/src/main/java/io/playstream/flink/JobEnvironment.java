package io.playstream.flink;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment of a Playstream job: exactly-once checkpoints at the configured
 * interval (retained on cancellation, so a job can be resubmitted from its last checkpoint), the
 * configured state backend (RocksDB with incremental checkpoints by default) and an exponential
 * restart strategy, so a failure restarts from the last checkpoint instead of failing the job.
 */
public final class JobEnvironment {
  private JobEnvironment() {}

  /** The Flink configuration the options stand for. */
  public static Configuration configuration(FlinkJobOptions o) {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, o.stateBackend);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    if (o.checkpointDir != null && !o.checkpointDir.isBlank()) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir);
    }
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
        Duration.ofMillis(500));
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
        Duration.ofSeconds(30));
    return conf;
  }

  /** The environment of the current context (cluster, MiniCluster or local) set up for a job. */
  public static StreamExecutionEnvironment create(FlinkJobOptions o) {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration(o));
    return configure(env, o);
  }

  /** Applies checkpointing and parallelism to an existing environment. */
  public static StreamExecutionEnvironment configure(
      StreamExecutionEnvironment env, FlinkJobOptions o) {
    env.enableCheckpointing(o.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    CheckpointConfig cc = env.getCheckpointConfig();
    cc.setMinPauseBetweenCheckpoints(Math.min(500, o.checkpointInterval.toMillis() / 2));
    cc.setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    cc.setTolerableCheckpointFailureNumber(3);
    if (o.parallelism > 0) {
      env.setParallelism(o.parallelism);
    }
    return env;
  }

  /** Fails the job at build time on any Kryo fallback (tests use it to prove typed state). */
  public static void strictTypes(StreamExecutionEnvironment env) {
    Configuration c = new Configuration();
    c.set(PipelineOptions.GENERIC_TYPES, false);
    env.configure(c);
  }
}
