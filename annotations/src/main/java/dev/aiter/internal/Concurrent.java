package dev.aiter.internal;

import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The operators that keep several elements in flight: {@code mapAsync(concurrency, fn)} (answers
 * in source order), {@code mapAsyncUnordered(concurrency, fn)} (in completion order) and {@code
 * prefetch(n)} (the ordered window without a function). Each is a {@link Window} of at most
 * {@code capacity} {@link Slot}s; a slot holds one element's work from the moment it is started
 * until its answer is delivered.
 *
 * <p>The window fills itself: from the first {@code anext()} on it pulls the upstream, one {@code
 * anext()} at a time (O2), and starts work until every slot is taken, whether or not the consumer
 * is asking; each delivery frees a slot and the window pulls again. So at most {@code capacity}
 * elements are started and not yet delivered, and that many are while the consumer is slower than
 * the work.
 *
 * <p>Everything the window does happens in one drain loop, serialised by a work-in-progress count
 * as in {@link ForLoop}: whoever raises it from zero (the consumer's {@code anext()}, the thread
 * that completed a stage of {@code fn} or of the upstream, {@code aclose()}, a cancellation) runs
 * the loop; anyone else only raises it, and the running loop goes round once more. Over stages
 * that are already complete the consumer's own {@code anext()} runs the loop and takes its answer
 * directly, so nothing is allocated per element and the stack stays flat; when the answer is not
 * ready the consumer waits on a {@link Signal} of the window's own, which whichever thread later
 * finds the answer completes.
 */
final class Concurrent {

  private Concurrent() {}

  /** "No answer yet", where {@code null} is a valid element. */
  private static final Object NONE = new Object();

  /**
   * One element's work: the stage of {@code fn} while it is in flight, then the answer (the
   * result, {@link Stages#END} or a {@link Failure}) until it is delivered. Slots are created as
   * the window first needs them and reused after their answer was delivered, which is after their
   * stage completed, so no callback of an earlier use can reach a later one.
   */
  static final class Slot implements BiConsumer<Object, Throwable> {
    private final Window<?, ?> window;

    /** The stage of {@code fn} in flight, kept to cancel it. */
    CompletionStage<?> stage;

    /** The answer; written before {@link #done} is set, read after it was seen. */
    Object answer = NONE;

    volatile boolean done;

    /** Taken for an element and not yet delivered. */
    boolean claimed;

    /** Cancelled because its answer can no longer be delivered. */
    boolean dropped;

    /** The next slot in the window's free list or in the ordered window's order. */
    Slot link;

    /** The next slot in the unordered window's queue of completions. */
    volatile Slot completedNext;

    /** Every slot the window created, for cancelling them all. */
    final Slot nextCreated;

    Slot(Window<?, ?> window, Slot nextCreated) {
      this.window = window;
      this.nextCreated = nextCreated;
    }

    /** The stage of {@code fn} completed; on any thread. */
    @Override
    public void accept(Object value, Throwable error) {
      answer = error == null ? value : Stages.failure(error);
      done = true;
      window.settled(this);
      window.signal();
    }

    boolean isFinal() {
      return done && !dropped && (answer == Stages.END || answer instanceof Failure);
    }
  }

  /**
   * The stage a consumer waits on when its answer was not ready: completed with the answer (an
   * element, {@link Stages#END} or a {@link Failure}), never exceptionally by the window.
   * Cancelling it (a cancelled loop, a cancelled {@code anext()} stage) cancels all the window's
   * work in flight: the operator has failed, nothing it started can be delivered any more.
   */
  private static final class Signal extends CompletableFuture<Object> {
    private final Window<?, ?> window;

    Signal(Window<?, ?> window) {
      this.window = window;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        window.cancelled = true;
        window.signal();
      }
      return cancelled;
    }
  }

  /**
   * What the ordered and unordered windows share: the drain loop, the upstream read, the hand-over
   * to the consumer, failure, cancellation and close. A subclass decides the order in which
   * answers are delivered and which work a failure makes undeliverable.
   *
   * @param <U> the upstream's element type
   * @param <T> the element type
   */
  abstract static class Window<U, T> extends Operator<T> {

    private static final VarHandle WIP;

    static {
      try {
        WIP = MethodHandles.lookup().findVarHandle(Window.class, "wip", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Upstream<U> upstream;

    /** The function, or {@code null}: the element is its own answer ({@code prefetch}). */
    private final Function<? super U, ? extends CompletionStage<? extends T>> fn;

    /** The most elements started and not yet delivered. */
    private final int capacity;

    /** Registered on the upstream's stage while a read is pending. */
    private final BiConsumer<Object, Throwable> readCallback = this::readCompleted;

    @SuppressWarnings("unused") // accessed through WIP
    private volatile int wip;

    // Requests from outside the drain loop; each is followed by raising the count.

    /** The consumer asked and has no answer yet. */
    private volatile boolean asking;

    /** Where the answer goes; {@code null} while the asking consumer runs the loop itself. */
    private volatile Signal signal;

    /** The consumer cancelled the stage it waited on. */
    volatile boolean cancelled;

    /** Set by {@link #release()}; completes once the upstream was closed. */
    private volatile CompletableFuture<Void> closeRequest;

    /** A slot settled with a failure or an end: work after it may be undeliverable. */
    private volatile boolean sawFinal;

    // The outcome of the pending upstream read, written before readDone is set.
    private Object readValue;
    private Throwable readError;
    private volatile boolean readDone;

    // Owned by the drain loop.
    private boolean reading;
    private CompletionStage<?> readStage;
    /** {@link Stages#END} or a {@link Failure} once the upstream ended or failed. */
    private Object upstreamEnd;
    /** Slots claimed and not yet freed. */
    private int held;
    /** A final answer is known: nothing more is pulled or started. */
    private boolean stopped;
    /** A final answer was delivered or the consumer cancelled: everything in flight is dropped. */
    private boolean finished;
    private boolean released;
    /** What a {@code cancel} of a user's stage threw; it fails the close (as B7 keeps it). */
    private Throwable refused;
    /** The answer for a consumer that runs the loop itself, or {@link #NONE}. */
    private Object direct = NONE;
    private Slot free;
    private Slot created;

    /** Owned by the consumer: the stage its last pending answer waits on. */
    private Signal awaited;

    Window(
        String name,
        PullIterator<U> upstream,
        int capacity,
        Function<? super U, ? extends CompletionStage<? extends T>> fn) {
      super(name);
      this.upstream = new Upstream<>(upstream);
      this.capacity = capacity;
      this.fn = fn;
    }

    /** A slot was taken for the next element of the upstream. */
    abstract void claimed(Slot slot);

    /** A slot's answer became known; on any thread. */
    abstract void settled(Slot slot);

    /** The slot to deliver next, taken out of the window's order; {@code null} for none yet. */
    abstract Slot nextReady();

    /**
     * After a slot settled with a failure or an end: cancels the work whose answer can no longer
     * be delivered, and answers whether anything more may be pulled.
     */
    abstract boolean dropUndeliverable();

    /**
     * Whether an upstream failure is delivered as soon as the answers already known were, rather
     * than after the answers of every element before it.
     */
    abstract boolean failsWhenItOccurs();

    @Override
    final Object poll() {
      Object d = gate();
      return d != null ? d : record(pull());
    }

    /** Pulls the next answer (as a poll answers), once the gate let the poll through. */
    private Object pull() {
      if (WIP.compareAndSet(this, 0, 1)) {
        // This thread runs the loop: an answer found now is handed back without a stage.
        asking = true;
        drain();
        Object d = direct;
        if (d != NONE) {
          direct = NONE;
          return d;
        }
        return Stages.PENDING; // the loop left a signal in awaited
      }
      // Another thread runs the loop and will complete this signal. It is written before asking,
      // so that the loop never sees asking without a signal and takes it for a direct request.
      Signal s = new Signal(this);
      awaited = s;
      signal = s;
      asking = true;
      signal();
      return Stages.PENDING;
    }

    @Override
    final Object proceed(Object value, Throwable error) {
      awaited = null;
      // The signal fails only when it was cancelled.
      return error == null ? value : new Failure(Stages.unwrap(error));
    }

    @Override
    final CompletionStage<?> waitingFor() {
      return awaited;
    }

    @Override
    final CompletionStage<?> release() {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      closeRequest = closed;
      signal();
      return closed;
    }

    final void signal() {
      if ((int) WIP.getAndAdd(this, 1) == 0) {
        drain();
      }
    }

    private void drain() {
      int missed = 1;
      for (; ; ) {
        step();
        missed = (int) WIP.getAndAdd(this, -missed) - missed;
        if (missed == 0) {
          return;
        }
      }
    }

    private void readCompleted(Object value, Throwable error) {
      readValue = value;
      readError = error;
      readDone = true;
      signal();
    }

    /** One round of the loop: take what arrived, fill the window, answer the consumer. */
    private void step() {
      for (; ; ) {
        if (released) {
          return; // a completion that arrived after the close
        }
        if (closeRequest != null) {
          close();
          return;
        }
        if (cancelled && !finished) {
          signal = null;
          asking = false;
          finish();
        }
        if (finished) {
          return;
        }
        if (reading && readDone) {
          Object value = readValue;
          Throwable error = readError;
          readValue = null;
          readError = null;
          readStage = null;
          reading = false;
          take(upstream.it.resume(value, error));
        }
        fill();
        if (sawFinal) {
          sawFinal = false;
          if (!dropUndeliverable()) {
            stop();
          }
        }
        if (!asking) {
          return;
        }
        Object answer = answer();
        if (answer == NONE) {
          if (signal == null) {
            // The consumer runs this loop itself (its anext() raised the count from zero): give
            // it a stage to wait on; whoever finds the answer later completes it.
            Signal s = new Signal(this);
            awaited = s;
            signal = s;
          }
          return;
        }
        asking = false;
        if (answer == Stages.END || answer instanceof Failure) {
          finish(); // nothing started after a final answer can be delivered (O7)
        }
        Signal s = signal;
        if (s == null) {
          direct = answer;
        } else {
          signal = null;
          // The consumer's next step may run inside complete() and ask again: that only raises
          // the count, and this loop goes round once more instead of recursing.
          if (!s.complete(answer)) {
            // Cancelled meanwhile, and its cancel() has not told the loop yet: start nothing more.
            cancelled = true;
          }
        }
      }
    }

    /** Pulls the upstream and starts work until the window is full or waits for the upstream. */
    private void fill() {
      while (!reading && !stopped && !sawFinal && upstreamEnd == null && held < capacity) {
        take(upstream.it.poll());
      }
    }

    /** Starts the work for one answer of the upstream. */
    @SuppressWarnings("unchecked")
    private void take(Object r) {
      if (r == Stages.PENDING) {
        reading = true;
        readDone = false;
        CompletionStage<?> stage = upstream.it.waiting();
        readStage = stage;
        // May run at once (a minimal stage): it raises the count and the loop goes round.
        stage.whenComplete(readCallback);
        return;
      }
      if (r == Stages.END || r instanceof Failure) {
        upstreamEnd = r;
        if (r instanceof Failure && failsWhenItOccurs()) {
          sawFinal = true;
        }
        return;
      }
      Slot slot = claim();
      if (fn == null) {
        settle(slot, r);
        return;
      }
      CompletionStage<? extends T> stage;
      try {
        stage = fn.apply((U) r);
      } catch (Throwable t) {
        settle(slot, Stages.failure(t));
        return;
      }
      if (stage == null) {
        settle(
            slot,
            new Failure(
                new NullPointerException(
                    "the function of "
                        + this
                        + " returned null instead of a CompletionStage for element "
                        + Stages.describe(r))));
        return;
      }
      Object now = Stages.peek(stage);
      if (now == Stages.PENDING) {
        slot.stage = stage;
        stage.whenComplete(slot); // may run at once: the slot then raises the count
      } else {
        settle(slot, now instanceof Failure ? Stages.failure(((Failure) now).error()) : now);
      }
    }

    private Slot claim() {
      Slot slot = free;
      if (slot == null) {
        slot = new Slot(this, created);
        created = slot;
      } else {
        free = slot.link;
        slot.link = null;
      }
      slot.claimed = true;
      held++;
      claimed(slot);
      return slot;
    }

    private void settle(Slot slot, Object answer) {
      slot.answer = answer;
      slot.done = true;
      settled(slot);
    }

    /** Records a final answer of a slot for the drain loop; called by {@link #settled}. */
    final void noteFinal(Slot slot) {
      if (slot.isFinal()) {
        sawFinal = true;
      }
    }

    /** The next answer for the consumer, or {@link #NONE} when none is known yet. */
    private Object answer() {
      for (Slot slot = nextReady(); slot != null; slot = nextReady()) {
        Object a = slot.answer;
        boolean dropped = slot.dropped;
        free(slot);
        if (!dropped) {
          return a;
        }
      }
      Object end = upstreamEnd;
      if (end != null && (held == 0 || (end instanceof Failure && failsWhenItOccurs()))) {
        return end;
      }
      return NONE;
    }

    private void free(Slot slot) {
      slot.stage = null;
      slot.answer = NONE;
      slot.done = false;
      slot.claimed = false;
      slot.dropped = false;
      slot.link = free;
      free = slot;
      held--;
    }

    /** Every slot this window created, linked through {@link Slot#nextCreated}. */
    final Slot createdSlots() {
      return created;
    }

    /** Cancels the stage of a slot whose answer can no longer be delivered. */
    final void drop(Slot slot) {
      if (!slot.claimed || slot.done || slot.dropped) {
        return;
      }
      slot.dropped = true;
      CompletionStage<?> stage = slot.stage;
      if (stage != null) {
        keepRefusal(Stages.cancel(stage)); // where cancel works, the slot settles at once
      }
    }

    /** Nothing more is pulled: the read in flight is given up and its stage cancelled. */
    private void stop() {
      stopped = true;
      if (!reading) {
        return;
      }
      reading = false;
      CompletionStage<?> stage = readStage;
      readStage = null;
      upstream.it.abandon();
      keepRefusal(Stages.cancel(stage));
    }

    /** Nothing more is delivered: every stage still in flight is cancelled (O7). */
    private void finish() {
      finished = true;
      stop();
      for (Slot slot = created; slot != null; slot = slot.nextCreated) {
        drop(slot);
      }
    }

    /** The close: cancels everything, ends a waiting consumer, closes the upstream once (O3). */
    private void close() {
      released = true;
      finish();
      Signal s = signal;
      boolean wasAsking = asking;
      signal = null;
      asking = false;
      if (s != null) {
        s.complete(Stages.END);
      } else if (wasAsking) {
        direct = Stages.END; // a consumer running this loop itself: closed under it, it ends
      }
      CompletionStage<?> closed = upstream.close();
      Throwable r = refused;
      if (r != null) {
        closed = Stages.both(CompletableFuture.failedFuture(r), closed);
      }
      Stages.forward(closed, closeRequest);
    }

    private void keepRefusal(Throwable e) {
      if (e == null) {
        return;
      }
      if (refused == null) {
        refused = e;
      } else if (refused != e) {
        refused.addSuppressed(e);
      }
    }
  }

  /**
   * {@code mapAsync(concurrency, fn)} and {@code prefetch(n)}: answers in source order. The slots
   * in use form a queue from the oldest element (the head) to the newest, and an answer is
   * delivered once the head's is known. A failure or an end at some element makes the work after
   * it undeliverable: it is cancelled and nothing more is pulled, while the work before it goes
   * on, so the answers before the failure are delivered first.
   */
  static final class Ordered<U, T> extends Window<U, T> {
    // Owned by the drain loop.
    private Slot head;
    private Slot tail;

    Ordered(
        String name,
        PullIterator<U> upstream,
        int capacity,
        Function<? super U, ? extends CompletionStage<? extends T>> fn) {
      super(name, upstream, capacity, fn);
    }

    @Override
    void claimed(Slot slot) {
      if (tail == null) {
        head = slot;
      } else {
        tail.link = slot;
      }
      tail = slot;
    }

    @Override
    void settled(Slot slot) {
      noteFinal(slot);
    }

    @Override
    Slot nextReady() {
      Slot slot = head;
      if (slot == null || !slot.done) {
        return null;
      }
      head = slot.link;
      if (head == null) {
        tail = null;
      }
      slot.link = null;
      return slot;
    }

    @Override
    boolean dropUndeliverable() {
      Slot slot = head;
      while (slot != null && !slot.isFinal()) {
        slot = slot.link;
      }
      if (slot == null) {
        return true;
      }
      for (Slot after = slot.link; after != null; after = after.link) {
        drop(after);
      }
      return false;
    }

    @Override
    boolean failsWhenItOccurs() {
      return false;
    }
  }

  /**
   * {@code mapAsyncUnordered(concurrency, fn)}: answers in the order their stages completed. Slots
   * join a queue as they settle, on whichever thread completed their stage: Dmitry Vyukov's
   * intrusive multi-producer single-consumer queue, whose links are fields of the slots
   * themselves, so that nothing is allocated per element. A failure (of {@code fn} or of the
   * upstream) is delivered after the answers that settled before it; everything still in flight
   * then is cancelled.
   */
  static final class Unordered<U, T> extends Window<U, T> {

    private static final VarHandle LAST;

    static {
      try {
        LAST = MethodHandles.lookup().findVarHandle(Unordered.class, "last", Slot.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** The queue's permanent placeholder, so that it is never empty of nodes. */
    private final Slot stub = new Slot(this, null);

    /** The newest settled slot: producers swap themselves in here. */
    @SuppressWarnings("unused") // accessed through LAST
    private volatile Slot last = stub;

    /** The oldest node; owned by the drain loop. */
    private Slot first = stub;

    Unordered(
        String name,
        PullIterator<U> upstream,
        int capacity,
        Function<? super U, ? extends CompletionStage<? extends T>> fn) {
      super(name, upstream, capacity, fn);
    }

    @Override
    void claimed(Slot slot) {}

    @Override
    void settled(Slot slot) {
      noteFinal(slot);
      enqueue(slot);
    }

    private void enqueue(Slot slot) {
      slot.completedNext = null;
      Slot previous = (Slot) LAST.getAndSet(this, slot);
      // Until this link is written the queue looks shorter to the drain loop; the producer raises
      // the count right after, so the loop comes back for it.
      previous.completedNext = slot;
    }

    @Override
    Slot nextReady() {
      Slot node = first;
      Slot next = node.completedNext;
      if (node == stub) {
        if (next == null) {
          return null;
        }
        first = next;
        node = next;
        next = next.completedNext;
      }
      if (next != null) {
        first = next;
        return node;
      }
      if (node != last) {
        return null; // a producer is between its swap and its link
      }
      enqueue(stub);
      next = node.completedNext;
      if (next != null) {
        first = next;
        return node;
      }
      return null;
    }

    @Override
    boolean dropUndeliverable() {
      for (Slot slot = createdSlots(); slot != null; slot = slot.nextCreated) {
        drop(slot);
      }
      return false;
    }

    @Override
    boolean failsWhenItOccurs() {
      return true;
    }
  }
}
