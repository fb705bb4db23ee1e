package io.palisade.operator.model;

import java.util.List;

/** A StakePool the operator cannot deploy: its spec breaks the pool spec's rules, or Kubernetes refuses it. */
public class InvalidStakePoolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> errors;

  /**
   * @param errors one line per error, each starting with its field path ({@code spec.relays[1].port: ...})
   */
  public InvalidStakePoolException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  /** One line per error, each starting with its field path. */
  public List<String> errors() {
    return errors;
  }
}
