package io.palisade.control;

/** A runtime could not carry out an action; the control loop records it as an event and tries again later. */
public class NodeRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the node
   */
  public NodeRuntimeException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the node
   * @param cause the underlying error
   */
  public NodeRuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
