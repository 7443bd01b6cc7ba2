package dev.aiter.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One diagnostic about a user's class, found by the validator and reported by the processor. It
 * points at the most precise place: an annotation value when {@code value} is set, else the
 * element.
 *
 * @param kind {@code ERROR} or {@code WARNING}
 * @param message the full text, starting with its tag (see {@link Messages})
 * @param element the class or method the problem is about
 * @param annotation the {@code @AsyncIterable} mirror when the problem is in its value, else null
 * @param value the annotation value at fault, else null
 */
record Problem(
    Diagnostic.Kind kind,
    String message,
    Element element,
    AnnotationMirror annotation,
    AnnotationValue value) {

  static Problem error(String message, Element element) {
    return Location.of(element).error(message);
  }

  /**
   * Where a problem is reported: an element, or an annotation value on it.
   *
   * @param element the element
   * @param annotation the annotation holding {@code value}, or null
   * @param value the annotation value, or null to report on the element
   */
  record Location(Element element, AnnotationMirror annotation, AnnotationValue value) {

    static Location of(Element element) {
      return new Location(element, null, null);
    }

    Problem error(String message) {
      return new Problem(Diagnostic.Kind.ERROR, message, element, annotation, value);
    }

    Problem warning(String message) {
      return new Problem(Diagnostic.Kind.WARNING, message, element, annotation, value);
    }
  }

  boolean isError() {
    return kind == Diagnostic.Kind.ERROR;
  }

  void reportTo(Messager messager) {
    if (value != null) {
      messager.printMessage(kind, message, element, annotation, value);
    } else {
      messager.printMessage(kind, message, element);
    }
  }
}
