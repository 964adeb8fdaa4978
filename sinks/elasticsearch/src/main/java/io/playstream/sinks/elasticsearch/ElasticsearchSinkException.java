package io.playstream.sinks.elasticsearch;

/** A failure the Elasticsearch sink cannot retry its way out of; it fails the job. */
public class ElasticsearchSinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ElasticsearchSinkException(String message) {
    super(message);
  }

  public ElasticsearchSinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
