package io.playstream.jobs;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Operator harnesses for the keyed window operators exactly as the job builders configure them. */
public final class Harnesses {
  private Harnesses() {}

  /** An environment to build a single operator in (never executed). */
  public static StreamExecutionEnvironment env() {
    return StreamExecutionEnvironment.getExecutionEnvironment();
  }

  /** A keyed harness around the operator a builder made (e.g. a window with its functions). */
  @SuppressWarnings("unchecked")
  public static <IN, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> of(
      SingleOutputStreamOperator<OUT> built, KeySelector<IN, String> key) throws Exception {
    Transformation<OUT> t = built.getTransformation();
    OneInputTransformation<IN, OUT> one = (OneInputTransformation<IN, OUT>) t;
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            (OneInputStreamOperator<IN, OUT>)
                ((SimpleOperatorFactory<OUT>) one.getOperatorFactory()).getOperator(),
            key,
            Types.STRING);
    h.setup(one.getOutputType().createSerializer(built.getExecutionConfig().getSerializerConfig()));
    return h;
  }
}
