package io.playstream.sinks.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of each action of a bulk request, decided item by item from the response (a pure
 * function, tested without Elasticsearch):
 *
 * <ul>
 *   <li>2xx, and 404 for a delete (already gone): written;
 *   <li>409 version conflict of an action with an external version: superseded (Elasticsearch holds
 *       a newer or equal version, which is what an idempotent replay looks like);
 *   <li>429 (rejected execution, queue full) and 5xx (shard unavailable...): retry;
 *   <li>any other 4xx (mapper_parsing_exception, document_parsing_exception,
 *       strict_dynamic_mapping_exception, illegal_argument_exception...): rejected for good, to the
 *       dead-letter topic as {@code sink-rejected} with the error type and reason.
 * </ul>
 *
 * @param written actions Elasticsearch applied
 * @param superseded actions skipped because a newer external version is stored
 * @param retries actions to send again, each with the error that asks for it
 * @param rejected actions Elasticsearch refused, each with the error
 */
public record BulkOutcome(
    int written, int superseded, List<Failed> retries, List<Failed> rejected) {

  /** How one item ended. */
  public enum Decision {
    WRITTEN,
    SUPERSEDED,
    RETRY,
    REJECTED
  }

  /** An action that did not go through, with the error text ({@code type: reason}). */
  public record Failed(EsAction action, int status, String detail) {}

  /** One item of a bulk response: HTTP status and, for a failure, its error type and text. */
  public record Item(int status, String errorType, String detail) {
    /** A successful item. */
    public static Item ok(int status) {
      return new Item(status, null, null);
    }

    /** The item as the client parsed it. */
    public static Item of(BulkResponseItem item) {
      ErrorCause e = item.error();
      return e == null
          ? new Item(item.status(), null, null)
          : new Item(item.status(), e.type(), describe(e));
    }
  }

  public BulkOutcome {
    retries = List.copyOf(retries);
    rejected = List.copyOf(rejected);
  }

  /** Whether every action was written or superseded. */
  public boolean allDone() {
    return retries.isEmpty() && rejected.isEmpty();
  }

  /** The decision for one item. */
  public static Decision classify(EsAction action, Item item) {
    int status = item.status();
    if (status >= 200 && status < 300) {
      return Decision.WRITTEN;
    }
    if (status == 404 && action.getOpType() == EsAction.OpType.DELETE && item.errorType() == null) {
      return Decision.WRITTEN;
    }
    if (status == 409
        && action.hasExternalVersion()
        && "version_conflict_engine_exception".equals(item.errorType())) {
      return Decision.SUPERSEDED;
    }
    if (status == 429 || status >= 500) {
      return Decision.RETRY;
    }
    return Decision.REJECTED;
  }

  /** The outcome of a batch from the client's response (items in request order). */
  public static BulkOutcome of(List<EsAction> batch, BulkResponse response) {
    List<BulkResponseItem> items = response.items();
    List<Item> converted = new ArrayList<>(items.size());
    for (BulkResponseItem item : items) {
      converted.add(Item.of(item));
    }
    return of(batch, converted);
  }

  /**
   * The outcome of a batch from its items (in request order).
   *
   * @throws IllegalStateException when the response has another number of items than the request
   */
  public static BulkOutcome of(List<EsAction> batch, List<Item> items) {
    if (items.size() != batch.size()) {
      throw new IllegalStateException(
          "bulk response has " + items.size() + " items for " + batch.size() + " actions");
    }
    int written = 0;
    int superseded = 0;
    List<Failed> retries = new ArrayList<>();
    List<Failed> rejected = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      EsAction action = batch.get(i);
      Item item = items.get(i);
      switch (classify(action, item)) {
        case WRITTEN -> written++;
        case SUPERSEDED -> superseded++;
        case RETRY -> retries.add(new Failed(action, item.status(), detail(item)));
        case REJECTED -> rejected.add(new Failed(action, item.status(), detail(item)));
        default -> throw new IllegalStateException();
      }
    }
    return new BulkOutcome(written, superseded, retries, rejected);
  }

  /**
   * {@code type: reason}, followed by {@code ; caused by type: reason} for each cause (how the dead
   * letter's {@code ps.dlq.detail} reads).
   */
  public static String describe(ErrorCause e) {
    StringBuilder sb = new StringBuilder();
    ErrorCause c = e;
    for (int depth = 0; c != null && depth < 4; depth++, c = c.causedBy()) {
      if (depth > 0) {
        sb.append("; caused by ");
      }
      sb.append(c.type()).append(": ").append(c.reason() == null ? "" : c.reason());
    }
    return sb.toString();
  }

  private static String detail(Item item) {
    return item.detail() != null ? item.detail() : "status " + item.status();
  }
}
