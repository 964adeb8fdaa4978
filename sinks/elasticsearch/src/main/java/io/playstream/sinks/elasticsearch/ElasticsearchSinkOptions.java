package io.playstream.sinks.elasticsearch;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every option of the Elasticsearch sink: key, type, default and meaning declared once ({@link
 * #ALL}), an immutable value built by {@link #builder()} or {@link #fromMap(Map)}. The module
 * README's table is {@link #markdownTable()} (a test keeps them equal).
 *
 * <p>Request-level failures (connection refused or reset, timeouts, HTTP 429 and 5xx for the whole
 * bulk request) are retried without limit, with exponential backoff between {@code
 * retry-initial-backoff} and {@code retry-max-backoff}: the job backpressures while Elasticsearch
 * is away and continues when it is back. Item-level 429/5xx are retried up to {@code
 * max-item-retries} times, then dead-lettered as {@code sink-write-failed}; item-level rejections
 * (4xx such as mapping errors) are dead-lettered at once as {@code sink-rejected}.
 */
public final class ElasticsearchSinkOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One option: key, type name, default (as text) and description. */
  public record Option(String key, String type, String defaultValue, String description) {}

  public static final Option URL =
      new Option(
          "elasticsearch.url",
          "url",
          "http://127.0.0.1:9200",
          "HTTP address of Elasticsearch (the platform option of the same name).");
  public static final Option MAX_BATCH_SIZE =
      new Option(
          "elasticsearch.sink.max-batch-size", "int", "1000", "Most actions in one bulk request.");
  public static final Option MAX_BATCH_BYTES =
      new Option(
          "elasticsearch.sink.max-batch-bytes",
          "bytes",
          "5242880",
          "Most bytes (documents plus action lines, about) in one bulk request; also the largest"
              + " single document.");
  public static final Option MAX_IN_FLIGHT_REQUESTS =
      new Option(
          "elasticsearch.sink.max-in-flight-requests",
          "int",
          "2",
          "Bulk requests one sink subtask has open at once.");
  public static final Option MAX_BUFFERED_REQUESTS =
      new Option(
          "elasticsearch.sink.max-buffered-requests",
          "int",
          "10000",
          "Actions a subtask buffers before it blocks (backpressure); must exceed max-batch-size.");
  public static final Option MAX_TIME_IN_BUFFER =
      new Option(
          "elasticsearch.sink.max-time-in-buffer",
          "duration",
          "1s",
          "Longest an action waits in the buffer before a (smaller) bulk request is sent.");
  public static final Option RETRY_INITIAL_BACKOFF =
      new Option(
          "elasticsearch.sink.retry-initial-backoff",
          "duration",
          "100ms",
          "Wait before the first retry; doubles on each consecutive failure.");
  public static final Option RETRY_MAX_BACKOFF =
      new Option(
          "elasticsearch.sink.retry-max-backoff",
          "duration",
          "10s",
          "Longest wait between retries.");
  public static final Option MAX_ITEM_RETRIES =
      new Option(
          "elasticsearch.sink.max-item-retries",
          "int",
          "10",
          "Retries of one document answered 429/5xx before it is dead-lettered as"
              + " sink-write-failed (whole-request failures retry without limit).");
  public static final Option REQUEST_TIMEOUT =
      new Option(
          "elasticsearch.sink.request-timeout",
          "duration",
          "60s",
          "Socket timeout of a bulk request; a timed-out request is retried.");
  public static final Option FLUSH_ON_CHECKPOINT =
      new Option(
          "elasticsearch.sink.flush-on-checkpoint",
          "boolean",
          "true",
          "true: a checkpoint completes only after every buffered action is written (nothing in"
              + " state); false: buffered actions go into the checkpoint and are sent after a"
              + " restore.");
  public static final Option DLQ_BOOTSTRAP_SERVERS =
      new Option(
          "elasticsearch.sink.dlq-bootstrap-servers",
          "string",
          "",
          "Kafka bootstrap servers for dead letters to playstream.dlq; empty: a rejected document"
              + " fails the job instead.");
  public static final Option COMPONENT =
      new Option(
          "elasticsearch.sink.component",
          "string",
          "sink-elasticsearch",
          "Name in the dead letters' ps.dlq.instance header and in the DLQ producer's client id.");

  /** Every option, in README order. */
  public static final List<Option> ALL =
      List.of(
          URL,
          MAX_BATCH_SIZE,
          MAX_BATCH_BYTES,
          MAX_IN_FLIGHT_REQUESTS,
          MAX_BUFFERED_REQUESTS,
          MAX_TIME_IN_BUFFER,
          RETRY_INITIAL_BACKOFF,
          RETRY_MAX_BACKOFF,
          MAX_ITEM_RETRIES,
          REQUEST_TIMEOUT,
          FLUSH_ON_CHECKPOINT,
          DLQ_BOOTSTRAP_SERVERS,
          COMPONENT);

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final URI url;
  private final int maxBatchSize;
  private final long maxBatchBytes;
  private final int maxInFlightRequests;
  private final int maxBufferedRequests;
  private final Duration maxTimeInBuffer;
  private final Duration retryInitialBackoff;
  private final Duration retryMaxBackoff;
  private final int maxItemRetries;
  private final Duration requestTimeout;
  private final boolean flushOnCheckpoint;
  private final String dlqBootstrapServers;
  private final String component;

  private ElasticsearchSinkOptions(Builder b) {
    this.url = Objects.requireNonNull(b.url, "url");
    this.maxBatchSize = positive(b.maxBatchSize, MAX_BATCH_SIZE);
    this.maxBatchBytes = positive(b.maxBatchBytes, MAX_BATCH_BYTES);
    this.maxInFlightRequests = positive(b.maxInFlightRequests, MAX_IN_FLIGHT_REQUESTS);
    this.maxBufferedRequests = positive(b.maxBufferedRequests, MAX_BUFFERED_REQUESTS);
    this.maxTimeInBuffer = positive(b.maxTimeInBuffer, MAX_TIME_IN_BUFFER);
    this.retryInitialBackoff = positive(b.retryInitialBackoff, RETRY_INITIAL_BACKOFF);
    this.retryMaxBackoff = positive(b.retryMaxBackoff, RETRY_MAX_BACKOFF);
    this.maxItemRetries = b.maxItemRetries;
    this.requestTimeout = positive(b.requestTimeout, REQUEST_TIMEOUT);
    this.flushOnCheckpoint = b.flushOnCheckpoint;
    this.dlqBootstrapServers = b.dlqBootstrapServers == null ? "" : b.dlqBootstrapServers.trim();
    this.component = Objects.requireNonNull(b.component, "component");
    if (maxBufferedRequests <= maxBatchSize) {
      throw new IllegalArgumentException(
          MAX_BUFFERED_REQUESTS.key() + " must exceed " + MAX_BATCH_SIZE.key());
    }
    if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
      throw new IllegalArgumentException(
          RETRY_MAX_BACKOFF.key() + " must be at least " + RETRY_INITIAL_BACKOFF.key());
    }
    if (maxItemRetries < 0) {
      throw new IllegalArgumentException(MAX_ITEM_RETRIES.key() + " must be >= 0");
    }
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
      throw new IllegalArgumentException(URL.key() + " must be an http(s) URL: " + url);
    }
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static ElasticsearchSinkOptions defaults() {
    return builder().build();
  }

  /**
   * Options from key/value text (a job's arguments or a config file): keys of {@link #ALL}, others
   * ignored, missing ones at their default. Durations as {@code 500ms}, {@code 5s}, {@code 2m},
   * {@code 1h}, {@code 7d} or ISO-8601.
   *
   * @throws IllegalArgumentException naming the key of a value that does not parse
   */
  public static ElasticsearchSinkOptions fromMap(Map<String, String> values) {
    Function<Option, String> v = o -> values.getOrDefault(o.key(), o.defaultValue());
    Builder b = builder();
    b.url(parse(URL, v, URI::create));
    b.maxBatchSize(parse(MAX_BATCH_SIZE, v, Integer::parseInt));
    b.maxBatchBytes(parse(MAX_BATCH_BYTES, v, Long::parseLong));
    b.maxInFlightRequests(parse(MAX_IN_FLIGHT_REQUESTS, v, Integer::parseInt));
    b.maxBufferedRequests(parse(MAX_BUFFERED_REQUESTS, v, Integer::parseInt));
    b.maxTimeInBuffer(parse(MAX_TIME_IN_BUFFER, v, ElasticsearchSinkOptions::duration));
    b.retryBackoff(
        parse(RETRY_INITIAL_BACKOFF, v, ElasticsearchSinkOptions::duration),
        parse(RETRY_MAX_BACKOFF, v, ElasticsearchSinkOptions::duration));
    b.maxItemRetries(parse(MAX_ITEM_RETRIES, v, Integer::parseInt));
    b.requestTimeout(parse(REQUEST_TIMEOUT, v, ElasticsearchSinkOptions::duration));
    b.flushOnCheckpoint(parse(FLUSH_ON_CHECKPOINT, v, ElasticsearchSinkOptions::bool));
    b.deadLetterBootstrapServers(v.apply(DLQ_BOOTSTRAP_SERVERS));
    b.component(v.apply(COMPONENT));
    return b.build();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder()
        .url(url)
        .maxBatchSize(maxBatchSize)
        .maxBatchBytes(maxBatchBytes)
        .maxInFlightRequests(maxInFlightRequests)
        .maxBufferedRequests(maxBufferedRequests)
        .maxTimeInBuffer(maxTimeInBuffer)
        .retryBackoff(retryInitialBackoff, retryMaxBackoff)
        .maxItemRetries(maxItemRetries)
        .requestTimeout(requestTimeout)
        .flushOnCheckpoint(flushOnCheckpoint)
        .deadLetterBootstrapServers(dlqBootstrapServers)
        .component(component);
  }

  /** The options table of the README. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
    for (Option o : ALL) {
      sb.append("| `")
          .append(o.key())
          .append("` | ")
          .append(o.type())
          .append(" | ")
          .append(o.defaultValue().isEmpty() ? "(none)" : "`" + o.defaultValue() + "`")
          .append(" | ")
          .append(o.description())
          .append(" |\n");
    }
    return sb.toString();
  }

  /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601. */
  public static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
  }

  private static boolean bool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false: " + text);
    };
  }

  private static <T> T parse(Option o, Function<Option, String> values, Function<String, T> p) {
    String text = values.apply(o);
    try {
      return p.apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "option " + o.key() + ": cannot read '" + text + "' as " + o.type(), e);
    }
  }

  private static int positive(int v, Option o) {
    if (v <= 0) {
      throw new IllegalArgumentException(o.key() + " must be positive: " + v);
    }
    return v;
  }

  private static long positive(long v, Option o) {
    if (v <= 0) {
      throw new IllegalArgumentException(o.key() + " must be positive: " + v);
    }
    return v;
  }

  private static Duration positive(Duration v, Option o) {
    if (v == null || v.isNegative() || v.isZero()) {
      throw new IllegalArgumentException(o.key() + " must be positive: " + v);
    }
    return v;
  }

  public URI url() {
    return url;
  }

  public int maxBatchSize() {
    return maxBatchSize;
  }

  public long maxBatchBytes() {
    return maxBatchBytes;
  }

  public int maxInFlightRequests() {
    return maxInFlightRequests;
  }

  public int maxBufferedRequests() {
    return maxBufferedRequests;
  }

  public Duration maxTimeInBuffer() {
    return maxTimeInBuffer;
  }

  public Duration retryInitialBackoff() {
    return retryInitialBackoff;
  }

  public Duration retryMaxBackoff() {
    return retryMaxBackoff;
  }

  public int maxItemRetries() {
    return maxItemRetries;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public boolean flushOnCheckpoint() {
    return flushOnCheckpoint;
  }

  /** Kafka bootstrap servers for dead letters; empty when none are configured. */
  public String dlqBootstrapServers() {
    return dlqBootstrapServers;
  }

  /** Whether dead letters go to Kafka (else a rejected document fails the job). */
  public boolean hasDeadLetterQueue() {
    return !dlqBootstrapServers.isEmpty();
  }

  public String component() {
    return component;
  }

  @Override
  public String toString() {
    return "ElasticsearchSinkOptions{url="
        + url
        + ", maxBatchSize="
        + maxBatchSize
        + ", maxBatchBytes="
        + maxBatchBytes
        + ", maxInFlightRequests="
        + maxInFlightRequests
        + ", maxBufferedRequests="
        + maxBufferedRequests
        + ", maxTimeInBuffer="
        + maxTimeInBuffer
        + ", retryBackoff="
        + retryInitialBackoff
        + ".."
        + retryMaxBackoff
        + ", maxItemRetries="
        + maxItemRetries
        + ", requestTimeout="
        + requestTimeout
        + ", flushOnCheckpoint="
        + flushOnCheckpoint
        + ", dlq="
        + (dlqBootstrapServers.isEmpty() ? "(none)" : dlqBootstrapServers)
        + ", component="
        + component
        + "}";
  }

  /** Builds {@link ElasticsearchSinkOptions}; starts at the defaults of {@link #ALL}. */
  public static final class Builder {
    private URI url = URI.create(URL.defaultValue());
    private int maxBatchSize = Integer.parseInt(MAX_BATCH_SIZE.defaultValue());
    private long maxBatchBytes = Long.parseLong(MAX_BATCH_BYTES.defaultValue());
    private int maxInFlightRequests = Integer.parseInt(MAX_IN_FLIGHT_REQUESTS.defaultValue());
    private int maxBufferedRequests = Integer.parseInt(MAX_BUFFERED_REQUESTS.defaultValue());
    private Duration maxTimeInBuffer = duration(MAX_TIME_IN_BUFFER.defaultValue());
    private Duration retryInitialBackoff = duration(RETRY_INITIAL_BACKOFF.defaultValue());
    private Duration retryMaxBackoff = duration(RETRY_MAX_BACKOFF.defaultValue());
    private int maxItemRetries = Integer.parseInt(MAX_ITEM_RETRIES.defaultValue());
    private Duration requestTimeout = duration(REQUEST_TIMEOUT.defaultValue());
    private boolean flushOnCheckpoint = Boolean.parseBoolean(FLUSH_ON_CHECKPOINT.defaultValue());
    private String dlqBootstrapServers = DLQ_BOOTSTRAP_SERVERS.defaultValue();
    private String component = COMPONENT.defaultValue();

    private Builder() {}

    /** {@code http://host:port} of Elasticsearch. */
    public Builder url(URI url) {
      this.url = url;
      return this;
    }

    public Builder url(String url) {
      return url(URI.create(url));
    }

    public Builder maxBatchSize(int actions) {
      this.maxBatchSize = actions;
      return this;
    }

    public Builder maxBatchBytes(long bytes) {
      this.maxBatchBytes = bytes;
      return this;
    }

    public Builder maxInFlightRequests(int requests) {
      this.maxInFlightRequests = requests;
      return this;
    }

    public Builder maxBufferedRequests(int actions) {
      this.maxBufferedRequests = actions;
      return this;
    }

    public Builder maxTimeInBuffer(Duration time) {
      this.maxTimeInBuffer = time;
      return this;
    }

    public Builder retryBackoff(Duration initial, Duration max) {
      this.retryInitialBackoff = initial;
      this.retryMaxBackoff = max;
      return this;
    }

    public Builder maxItemRetries(int retries) {
      this.maxItemRetries = retries;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder flushOnCheckpoint(boolean flush) {
      this.flushOnCheckpoint = flush;
      return this;
    }

    /** Kafka bootstrap servers for dead letters ({@code playstream.dlq}); empty for none. */
    public Builder deadLetterBootstrapServers(String bootstrapServers) {
      this.dlqBootstrapServers = bootstrapServers;
      return this;
    }

    public Builder component(String component) {
      this.component = component;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option that is out of range
     */
    public ElasticsearchSinkOptions build() {
      return new ElasticsearchSinkOptions(this);
    }
  }
}
