package io.playstream.simulator.model;

import java.util.Arrays;

/**
 * The simulation's pending steps, taken in (time, sequence) order: exactly the order of a {@code
 * PriorityQueue} of steps compared by time then sequence (sequences are unique), but kept in
 * parallel arrays rather than as one object per step. A binary heap holds most steps; a FIFO holds
 * those the caller expects to arrive in order (the model's heartbeats, each scheduled one interval
 * after the step that schedules it, so most of them), and the first step is the smaller head of the
 * two. Not thread-safe.
 */
final class StepQueue {
  private long[] at = new long[256];
  private long[] seq = new long[256];
  private Runnable[] body = new Runnable[256];
  private int size;

  private long[] fifoAt = new long[256];
  private long[] fifoSeq = new long[256];
  private Runnable[] fifoBody = new Runnable[256];
  private int fifoHead;
  private int fifoSize;

  boolean isEmpty() {
    return size == 0 && fifoSize == 0;
  }

  /** Time of the first step; only when not empty. */
  long firstAt() {
    return fifoFirst() ? fifoAt[fifoHead] : at[0];
  }

  /** Removes the first step and returns it. */
  Runnable poll() {
    return fifoFirst() ? pollFifo() : pollHeap();
  }

  /**
   * Adds a step; {@code inOrder} says it is likely to come after every step added that way so far
   * (then it joins the FIFO, when it really does).
   */
  void add(long time, long sequence, Runnable step, boolean inOrder) {
    if (inOrder
        && (fifoSize == 0 || time >= fifoAt[(fifoHead + fifoSize - 1) & (fifoAt.length - 1)])) {
      addFifo(time, sequence, step);
    } else {
      addHeap(time, sequence, step);
    }
  }

  private boolean fifoFirst() {
    if (fifoSize == 0) {
      return false;
    }
    return size == 0 || before(fifoAt[fifoHead], fifoSeq[fifoHead], at[0], seq[0]);
  }

  private void addFifo(long time, long sequence, Runnable step) {
    if (fifoSize == fifoAt.length) {
      int n = fifoAt.length;
      long[] a = new long[n * 2];
      long[] q = new long[n * 2];
      Runnable[] b = new Runnable[n * 2];
      for (int i = 0; i < n; i++) {
        int from = (fifoHead + i) & (n - 1);
        a[i] = fifoAt[from];
        q[i] = fifoSeq[from];
        b[i] = fifoBody[from];
      }
      fifoAt = a;
      fifoSeq = q;
      fifoBody = b;
      fifoHead = 0;
    }
    int i = (fifoHead + fifoSize++) & (fifoAt.length - 1);
    fifoAt[i] = time;
    fifoSeq[i] = sequence;
    fifoBody[i] = step;
  }

  private Runnable pollFifo() {
    Runnable first = fifoBody[fifoHead];
    fifoBody[fifoHead] = null;
    fifoHead = (fifoHead + 1) & (fifoAt.length - 1);
    fifoSize--;
    return first;
  }

  private void addHeap(long time, long sequence, Runnable step) {
    if (size == at.length) {
      at = Arrays.copyOf(at, size * 2);
      seq = Arrays.copyOf(seq, size * 2);
      body = Arrays.copyOf(body, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, sequence, at[parent], seq[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, time, sequence, step);
  }

  private Runnable pollHeap() {
    Runnable first = body[0];
    int last = --size;
    long time = at[last];
    long sequence = seq[last];
    Runnable step = body[last];
    body[last] = null;
    if (last > 0) {
      int i = 0;
      int half = last >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        if (right < last && before(at[right], seq[right], at[child], seq[child])) {
          child = right;
        }
        if (!before(at[child], seq[child], time, sequence)) {
          break;
        }
        move(child, i);
        i = child;
      }
      set(i, time, sequence, step);
    }
    return first;
  }

  private static boolean before(long atA, long seqA, long atB, long seqB) {
    return atA != atB ? atA < atB : seqA < seqB;
  }

  private void move(int from, int to) {
    at[to] = at[from];
    seq[to] = seq[from];
    body[to] = body[from];
  }

  private void set(int i, long time, long sequence, Runnable step) {
    at[i] = time;
    seq[i] = sequence;
    body[i] = step;
  }
}
