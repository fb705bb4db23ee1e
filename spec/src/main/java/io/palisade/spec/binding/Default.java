package io.palisade.spec.binding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The value used when the field is absent, written as it would be in pool.yaml. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  /** The default, in pool.yaml syntax ("3001", "2h", "true"). */
  String value();
}
