package io.palisade.spec.binding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A string field must match this regular expression in full. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Pattern {
  /** The regular expression (Java syntax, also valid ECMAScript for the JSON schema). */
  String regex();

  /** What the pattern means, for the error message ("a DNS label: lower-case letters, digits and '-'"). */
  String meaning();
}
