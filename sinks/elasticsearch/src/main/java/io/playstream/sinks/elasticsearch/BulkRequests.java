package io.playstream.sinks.elasticsearch;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.util.ArrayList;
import java.util.List;

/** Bulk requests from actions: documents go through as their raw JSON bytes (no re-parsing). */
public final class BulkRequests {
  private BulkRequests() {}

  /** One bulk request with the actions in order. */
  public static BulkRequest of(List<EsAction> actions) {
    List<BulkOperation> ops = new ArrayList<>(actions.size());
    for (EsAction a : actions) {
      ops.add(operation(a));
    }
    return BulkRequest.of(b -> b.operations(ops));
  }

  /** The bulk operation of one action. */
  public static BulkOperation operation(EsAction a) {
    Long version = a.hasExternalVersion() ? a.getVersion() : null;
    VersionType versionType = a.hasExternalVersion() ? VersionType.External : null;
    return switch (a.getOpType()) {
      case INDEX ->
          BulkOperation.of(
              o ->
                  o.index(
                      i ->
                          i.index(a.getIndex())
                              .id(a.getId())
                              .version(version)
                              .versionType(versionType)
                              .document(
                                  BinaryData.of(a.getDocument(), ContentType.APPLICATION_JSON))));
      case DELETE ->
          BulkOperation.of(
              o ->
                  o.delete(
                      d ->
                          d.index(a.getIndex())
                              .id(a.getId())
                              .version(version)
                              .versionType(versionType)));
    };
  }
}
