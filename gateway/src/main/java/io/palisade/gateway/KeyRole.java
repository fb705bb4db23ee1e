package io.palisade.gateway;

/** The pool keys the console can rotate or revoke. */
public enum KeyRole {
  /** The block producer's hot KES key and its operational certificate. */
  KES("KES"),
  /** The block producer's VRF key. */
  VRF("VRF"),
  /** The pool's cold key (kept offline; the gateway drives the offline ceremony). */
  COLD("cold");

  private final String label;

  KeyRole(String label) {
    this.label = label;
  }

  /**
   * @return the name operators use
   */
  public String label() {
    return label;
  }
}
