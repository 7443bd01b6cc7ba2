package dev.aiter.internal;

import dev.aiter.Generator;
import dev.aiter.GeneratorExit;
import dev.aiter.Yield;
import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code Async.generator(body)}: Python's asynchronous generator, a body that produces elements by
 * calling {@code yield}, run on a thread of its own and handed over one element per {@code
 * anext()}.
 *
 * <p>The consumer's side is an {@link Operator} ({@link GeneratorIterator}) whose pending answer
 * waits on a future of its own per element; the body's side is a {@link Handoff}, a small state
 * machine of atomic states with {@link LockSupport#park} / {@link LockSupport#unpark}: no {@code
 * synchronized}, which would pin a virtual thread's carrier while it waits on JDK 21 to 23.
 *
 * <p>The hand-off never waits when it need not: {@code yield} completes the pending future, and a
 * consumer whose next step runs inside that completion (a loop body on the generator's thread)
 * asks for the next element before {@code complete()} returns; {@code yield} then sees the new
 * request and returns at once, so a loop over a generator runs on the generator's thread in
 * constant stack depth without parking per element.
 */
final class Generators {

  private Generators() {}

  /**
   * Closes the generators that were dropped without being closed: one daemon thread for all of
   * them, created on first use.
   */
  private static final class Abandoned {
    static final Cleaner CLEANER = Cleaner.create();
  }

  /**
   * Where a body runs when no executor is given: a virtual thread where the JDK has them (21 and
   * later), a new daemon platform thread otherwise.
   *
   * <p>The runtime is compiled for Java 17, so {@code Thread.ofVirtual()} is looked up once, as a
   * public method of {@code java.base} through {@link MethodHandles#publicLookup()}: no
   * reflection into JDK internals, no {@code --add-opens}, no warning. A multi-release jar would
   * need a JDK 21 compiler for a second source set, which the JDK 17 build (and its CI pass)
   * cannot run; the lookup gives the same behaviour from the one jar.
   */
  static final class BodyThreads {
    private static final String NAME = "aiter-generator";

    /** Makes virtual threads, or {@code null} before JDK 21. */
    static final ThreadFactory VIRTUAL = virtualThreads();

    private BodyThreads() {}

    static Thread newThread(Runnable task) {
      ThreadFactory virtual = VIRTUAL;
      if (virtual != null) {
        return virtual.newThread(task);
      }
      Thread thread = new Thread(task, NAME);
      thread.setDaemon(true); // an abandoned body must not keep the JVM alive
      return thread;
    }

    private static ThreadFactory virtualThreads() {
      // JDK 19 and 20 have the method as a preview feature; it throws unless enabled.
      if (Runtime.version().feature() < 21) {
        return null;
      }
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        MethodHandle create =
            lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
        MethodHandle name =
            lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
        MethodHandle factory =
            lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
        Object named = name.invoke(create.invoke(), NAME);
        return (ThreadFactory) factory.invoke(named);
      } catch (Throwable e) {
        return null; // no virtual threads to be had: platform threads work everywhere
      }
    }
  }

  /**
   * The iterator the consumer holds.
   *
   * @param <T> the element type
   */
  static final class GeneratorIterator<T> extends Operator<T> {
    private final Handoff<T> handoff;

    /** The future of the element asked for last, while it is pending. */
    private CompletableFuture<Object> awaited;

    GeneratorIterator(Executor executor, Generator<T> body) {
      super("Async.generator(body)");
      this.handoff = new Handoff<>(executor, body);
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(pull());
    }

    /** Pulls the next answer (as a poll answers), once the gate let the poll through. */
    private Object pull() {
      CompletableFuture<Object> request = handoff.ask(this);
      if (request == null) {
        return Stages.END;
      }
      Object now = Stages.peek(request);
      if (now == Stages.PENDING) {
        awaited = request;
      }
      return now; // the body may have answered already
    }

    @Override
    Object proceed(Object value, Throwable error) {
      awaited = null;
      // The request fails only when the consumer cancelled it.
      return error == null ? value : new Failure(Stages.unwrap(error));
    }

    @Override
    CompletionStage<?> waitingFor() {
      return awaited;
    }

    @Override
    CompletionStage<?> release() {
      return handoff.close();
    }
  }

  /**
   * The state the consumer and the body share. It must never refer to the {@link
   * GeneratorIterator}: a body parked in {@code yield} keeps this object reachable, and the
   * iterator must still become unreachable when its user drops it, so that the {@link Cleaner}
   * can close it.
   *
   * @param <T> the element type
   */
  static final class Handoff<T> implements Yield<T> {

    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Handoff.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** Not started: the first {@code anext()} starts the body. */
    private static final int NEW = 0;
    /** The body runs and a request is pending; its next {@code yield} completes it. */
    private static final int RUNNING = 1;
    /** The body is inside {@code yield}, completing a request; nothing is pending. */
    private static final int YIELDING = 2;
    /** The body is parked in {@code yield} until the next request or the close. */
    private static final int SUSPENDED = 3;
    /** The iterator was closed: {@code yield} throws {@link GeneratorExit}. */
    private static final int CLOSING = 4;
    /** The body returned, or never ran. */
    private static final int DONE = 5;

    private final Executor executor;
    private final Generator<T> body;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /** The pending request: written by the consumer before it moves to RUNNING. */
    private volatile CompletableFuture<Object> request;

    /** The body's thread while it runs; read by whoever wakes it. */
    private volatile Thread thread;

    /** Completes once the body returned (or at once when it never ran): what aclose() returns. */
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private volatile Cleaner.Cleanable cleanable;

    /** The thread inside {@link #start} while it hands the body to the executor. */
    private volatile Thread starter;

    Handoff(Executor executor, Generator<T> body) {
      this.executor = executor;
      this.body = body;
    }

    /**
     * The consumer asks for the next element: returns the future the body will complete, or
     * {@code null} when the body has ended (or the iterator was closed).
     */
    CompletableFuture<Object> ask(GeneratorIterator<T> owner) {
      for (; ; ) {
        int s = state;
        if (s == DONE || s == CLOSING) {
          return null;
        }
        if (s == RUNNING) {
          // A consumer that abandoned its pending request and asks again. The body still owns
          // that request: overwriting it would hand its next yield nothing to complete.
          return CompletableFuture.completedFuture(
              new Failure(
                  new IllegalStateException(
                      "Async.generator(body) is already running: its body has not yet answered"
                          + " the previous anext()")));
        }
        // Written before the state says RUNNING, so that the body sees it; in NEW, SUSPENDED and
        // YIELDING the body does not read it (it is not started, parked, or past its read).
        CompletableFuture<Object> next = new CompletableFuture<>();
        request = next;
        if (s == NEW) {
          if (STATE.compareAndSet(this, NEW, RUNNING)) {
            start(owner, next);
            return next;
          }
        } else if (s == SUSPENDED) {
          if (STATE.compareAndSet(this, SUSPENDED, RUNNING)) {
            LockSupport.unpark(thread);
            return next;
          }
        } else if (s == YIELDING) {
          // The body is still inside yield's complete(): it sees RUNNING and goes on at once.
          if (STATE.compareAndSet(this, YIELDING, RUNNING)) {
            return next;
          }
        }
      }
    }

    /** Starts the body; a thread or an executor that fails answers the request with it. */
    private void start(GeneratorIterator<T> owner, CompletableFuture<Object> first) {
      // Registered before the body can run, so that the body's end always finds it. The action
      // refers to this hand-off only, never to the iterator it watches.
      cleanable = Abandoned.CLEANER.register(owner, this::abandoned);
      Runnable task = this::runBody;
      try {
        if (executor != null) {
          starter = Thread.currentThread();
          executor.execute(task);
          starter = null;
        } else {
          BodyThreads.newThread(task).start();
        }
      } catch (Throwable e) {
        starter = null;
        state = DONE;
        request = null;
        first.complete(new Failure(e));
        finished.complete(null);
        cleanable.clean();
      }
    }

    private void runBody() {
      Thread current = Thread.currentThread();
      thread = current;
      Throwable failure = null;
      try {
        if (current == starter) {
          // Its first yield would park the consumer inside its own anext(), for ever.
          throw new IllegalStateException(
              "the executor of Async.generator(executor, body) ran the body on the thread that"
                  + " called anext(); the body needs a thread of its own, e.g. a thread pool's");
        }
        body.run(this);
      } catch (Throwable t) {
        failure = t;
      }
      end(failure);
    }

    /** The body returned ({@code failure == null}) or threw. */
    private void end(Throwable failure) {
      int before = (int) STATE.getAndSet(this, DONE);
      thread = null;
      CompletableFuture<Object> pending = request;
      request = null;
      if (pending != null) {
        // The end, or the body's failure, is the answer to the pending anext(); after a close
        // nobody waits for an answer any more and the iteration simply ends.
        pending.complete(failure == null || before == CLOSING ? Stages.END : new Failure(failure));
      }
      if (before == CLOSING && failure != null && !(failure instanceof GeneratorExit)) {
        finished.completeExceptionally(failure); // the body failed while unwinding: aclose() says so
      } else {
        finished.complete(null);
      }
      cleanable.clean();
    }

    /**
     * Hands {@code value} to the pending {@code anext()}, then waits for the next request or the
     * close.
     */
    @Override
    public void yield(T value) {
      if (Thread.currentThread() != thread) {
        throw new IllegalStateException(
            "Yield.yield(value) was called outside the body of its Async.generator: call it only"
                + " from the body, on the generator's thread, while the body runs");
      }
      if (state == CLOSING) {
        throw new GeneratorExit();
      }
      handOver(value);
      if (STATE.compareAndSet(this, YIELDING, SUSPENDED)) {
        parkWhileSuspended();
      }
      if (state == CLOSING) {
        throw new GeneratorExit();
      }
    }

    /**
     * Completes the pending request. A method of its own so that nothing of it (the completed
     * future, which its consumer may reference) stays on the stack while the body is parked.
     */
    private void handOver(Object value) {
      CompletableFuture<Object> pending = request;
      request = null;
      if (!STATE.compareAndSet(this, RUNNING, YIELDING)) {
        request = pending; // closed while running: end() answers it
        throw new GeneratorExit();
      }
      pending.complete(value);
    }

    private void parkWhileSuspended() {
      boolean interrupted = false;
      while (state == SUSPENDED) {
        LockSupport.park(this);
        // An interrupt ends park() at once: clear it so as not to spin, and restore it after.
        interrupted |= Thread.interrupted();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * {@code aclose()}: before the body ran it never will; while the body waits in {@code yield}
     * that {@code yield} throws {@link GeneratorExit}; while the body runs its next {@code yield}
     * does. The stage completes once the body has returned.
     */
    CompletionStage<Void> close() {
      for (; ; ) {
        int s = state;
        if (s == NEW) {
          if (STATE.compareAndSet(this, NEW, DONE)) {
            finished.complete(null);
            return finished;
          }
        } else if (s == SUSPENDED) {
          if (STATE.compareAndSet(this, SUSPENDED, CLOSING)) {
            LockSupport.unpark(thread);
            return finished;
          }
        } else if (s == RUNNING || s == YIELDING) {
          if (STATE.compareAndSet(this, s, CLOSING)) {
            return finished;
          }
        } else {
          return finished;
        }
      }
    }

    /** The Cleaner's action: the iterator became unreachable without being closed. */
    private void abandoned() {
      close();
    }
  }
}
