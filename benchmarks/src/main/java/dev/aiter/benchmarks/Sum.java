package dev.aiter.benchmarks;

/**
 * The loop body every contender runs: adds the element to a total. Only one thread runs it at a
 * time, and each loop's completion publishes the total to the thread that joins the loop.
 */
public final class Sum {

  private long total;

  /**
   * Adds one element.
   *
   * @param element the element
   */
  public void add(Integer element) {
    total += element;
  }

  /**
   * The total so far.
   *
   * @return the sum of the elements added
   */
  public long total() {
    return total;
  }
}
