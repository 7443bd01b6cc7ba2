package dev.aiter.example;

/** Placeholder entry point; the example application proper is issue 4. */
public final class Main {
  private Main() {}

  /**
   * Prints a greeting.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("aiter example app");
  }
}
