package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepQueueTest {
  private record Step(long at, long seq, Runnable body) {}

  /** A step body that says which step it is. */
  private record Body(long seq) implements Runnable {
    @Override
    public void run() {}
  }

  /**
   * Random interleavings of adds and polls, as the model makes them (steps scheduled at or after
   * the current time; some one fixed interval ahead, flagged as in order; some flagged wrongly):
   * the same steps come out in the same order as from a PriorityQueue by (time, sequence).
   */
  @Test
  void takesStepsInThePriorityQueuesOrder() {
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      StepQueue queue = new StepQueue();
      PriorityQueue<Step> reference =
          new PriorityQueue<>(Comparator.comparingLong(Step::at).thenComparingLong(Step::seq));
      long now = 0;
      long seq = 0;
      long interval = 1 + random.nextInt(50);
      List<Runnable> got = new ArrayList<>();
      List<Runnable> expected = new ArrayList<>();
      for (int op = 0; op < 20_000; op++) {
        if (reference.isEmpty() || random.nextInt(100) < 55) {
          int kind = random.nextInt(10);
          long at =
              kind < 6
                  ? now + interval // the model's heartbeats
                  : now + (kind < 9 ? random.nextInt(3 * (int) interval) : 0);
          boolean inOrder = kind < 6 || random.nextInt(20) == 0; // sometimes flagged wrongly
          Runnable body = new Body(seq);
          queue.add(at, seq, body, inOrder);
          reference.add(new Step(at, seq, body));
          seq++;
        } else {
          assertThat(queue.firstAt()).isEqualTo(reference.peek().at());
          now = queue.firstAt();
          got.add(queue.poll());
          expected.add(reference.poll().body());
        }
      }
      while (!reference.isEmpty()) {
        assertThat(queue.firstAt()).isEqualTo(reference.peek().at());
        got.add(queue.poll());
        expected.add(reference.poll().body());
      }
      assertThat(queue.isEmpty()).isTrue();
      assertThat(got).containsExactlyElementsOf(expected);
    }
  }
}
