package io.palisade.spec.binding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents a field of the pool spec; the text goes into the JSON schema and into error hints. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {
  /** One or two sentences for an operator. */
  String value();

  /** An example value as it would be written in pool.yaml. */
  String example() default "";
}
