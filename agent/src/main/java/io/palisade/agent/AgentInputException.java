package io.palisade.agent;

/** Bad input to the agent from the operator: a malformed opcert file, an unusable address or URL, a bad threshold. */
public final class AgentInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was expected and what was found
   */
  public AgentInputException(String message) {
    super(message);
  }

  /**
   * @param message what was expected and what was found
   * @param cause the underlying error
   */
  public AgentInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
