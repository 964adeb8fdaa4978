package io.playstream.sinks.elasticsearch;

import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvent;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The title index job: the catalog route ({@code playstream.route.catalog}) into the Elasticsearch
 * index {@code playstream-titles}. {@code TitleUpserted} → index the title (id = {@code title_id}),
 * {@code TitleRemoved} → delete it; both with the event time as external version, so the newest
 * event wins however they arrive. Other event types are counted and skipped; records that do not
 * decode are dead-lettered with their reason.
 *
 * <p>A pure builder: {@link #build} takes the raw records and both sinks, so tests attach a bounded
 * source and collecting sinks; {@link TitleIndexMain} attaches Kafka and Elasticsearch.
 */
public final class TitleIndexJob {
  /** The job's name (operator uids and dead-letter instance). */
  public static final String NAME = "title-index";

  private TitleIndexJob() {}

  /**
   * Wires the job.
   *
   * @param catalog raw records of the catalog route
   * @param titles the Elasticsearch sink (or a collecting sink in tests)
   * @param deadLetters where undecodable records go
   * @param index the title index ({@link IndexTemplates#TITLES_INDEX})
   */
  public static void build(
      DataStream<RawEvent> catalog,
      Sink<EsAction> titles,
      Sink<DeadLetter> deadLetters,
      String index) {
    SingleOutputStreamOperator<EsAction> actions =
        catalog
            .process(new TitleActions(index))
            .name("catalog events to title actions")
            .uid(NAME + "-actions");
    actions.sinkTo(titles).name("elasticsearch " + index).uid(NAME + "-elasticsearch");
    actions
        .getSideOutput(TitleActions.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .name("dead letters")
        .uid(NAME + "-dead-letters");
  }

  /** Decodes catalog records into title actions; undecodable ones go to a side output. */
  static final class TitleActions extends ProcessFunction<RawEvent, EsAction> {
    static final OutputTag<DeadLetter> DEAD_LETTERS =
        new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final String index;
    private transient EventCodec codec;
    private transient Counter upserts;
    private transient Counter removals;
    private transient Counter skipped;
    private transient Counter deadLettered;

    TitleActions(String index) {
      this.index = index;
    }

    @Override
    public void open(OpenContext ctx) {
      codec = EventCodec.standard();
      var group = getRuntimeContext().getMetricGroup();
      upserts = group.counter("titlesUpserted");
      removals = group.counter("titlesRemoved");
      skipped = group.counter("eventsSkipped");
      deadLettered = group.counter("eventsDeadLettered");
    }

    @Override
    public void processElement(RawEvent e, Context ctx, Collector<EsAction> out) {
      SpecificRecord event;
      try {
        event = codec.decode(e.value);
      } catch (EventDecodingException ex) {
        deadLettered.inc();
        ctx.output(DEAD_LETTERS, DeadLetter.of(e, ex.reason(), ex.getMessage(), NAME));
        return;
      } catch (RuntimeException ex) {
        deadLettered.inc();
        ctx.output(
            DEAD_LETTERS,
            DeadLetter.of(e, DeadLetterHeaders.PROCESSING_ERROR, ex.toString(), NAME));
        return;
      }
      RecordOrigin origin = RecordOrigin.of(e);
      if (event instanceof TitleUpserted t) {
        upserts.inc();
        out.collect(TitleDocuments.upsert(index, t).withOrigin(origin));
      } else if (event instanceof TitleRemoved t) {
        removals.inc();
        out.collect(TitleDocuments.remove(index, t).withOrigin(origin));
      } else {
        skipped.inc();
      }
    }
  }
}
