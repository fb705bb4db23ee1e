package io.palisade.console.account;

import io.palisade.console.RefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may enroll, decided without I/O: at most {@value #MAX_OPERATORS} active operators; the first enrolls through a
 * link printed on the terminal, valid only while there is no operator; the second through an invitation an operator
 * creates; a link is good once, until it expires; a name is never reused (removed operators keep theirs). Each rule
 * either answers or throws {@link RefusedException} with the words the operator sees.
 */
public final class EnrollmentRules {
  /** At most this many active operators. */
  public static final int MAX_OPERATORS = 2;

  /** How long a one-time enrollment link stays valid. */
  public static final Duration LINK_VALIDITY = Duration.ofHours(24);

  /** Operator names. */
  public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

  /** The longest link token considered at all (a real one is 43 characters). */
  static final int MAX_TOKEN_LENGTH = 100;

  private EnrollmentRules() {}

  /**
   * @param username a proposed operator name
   * @throws RefusedException when it is not of the allowed form
   */
  public static void checkUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new RefusedException("the username must be 2 to 32 lowercase letters, digits, '.', '_' or '-',"
          + " starting with a letter");
    }
  }

  /**
   * @param active the active operators
   * @throws RefusedException when a first-operator link may not be issued (an operator exists)
   */
  public static void mayIssueFirstLink(List<Operator> active) {
    if (!active.isEmpty()) {
      throw new RefusedException("an operator already exists: the second one must be invited from the console");
    }
  }

  /**
   * @param active the active operators
   * @param by who invites
   * @throws RefusedException when {@code by} is not an operator, or the console is full
   */
  public static void mayInvite(List<Operator> active, String by) {
    if (active.stream().noneMatch(o -> o.username().equals(by))) {
      throw new RefusedException(by + " is not an operator");
    }
    if (active.size() >= MAX_OPERATORS) {
      throw new RefusedException("the console already has " + MAX_OPERATORS + " operators, the most it allows;"
          + " remove one first (a delayed action)");
    }
  }

  /**
   * Why a link cannot be used now, if it cannot.
   *
   * @param link the stored link, if the token matched one
   * @param now the console's time
   * @return the refusal, or empty when the link is spendable
   */
  public static Optional<String> linkRefusal(Optional<EnrollmentLink> link, Instant now) {
    if (link.isEmpty()) {
      return Optional.of("this enrollment link is not valid (it may have been replaced by a newer one)");
    }
    if (link.get().used()) {
      return Optional.of("this enrollment link was already used");
    }
    if (!now.isBefore(link.get().expiresAt())) {
      return Optional.of("this enrollment link has expired");
    }
    return Optional.empty();
  }

  /**
   * Admits a new operator through a link: the slot they take.
   *
   * @param link the link presented
   * @param active the active operators now
   * @param nameTaken whether any operator, active or removed, has the name
   * @param username the name
   * @param now the console's time
   * @return the slot, 1 or 2
   * @throws RefusedException when the link is not spendable, the console is full, a first-operator link meets an
   *     existing operator, or the name is taken
   */
  public static int admit(Optional<EnrollmentLink> link, List<Operator> active, boolean nameTaken, String username,
      Instant now) {
    linkRefusal(link, now).ifPresent(why -> {
      throw new RefusedException(why);
    });
    if (active.size() >= MAX_OPERATORS) {
      throw new RefusedException("the console already has " + MAX_OPERATORS + " operators; a third is refused");
    }
    if (link.get().purpose() == EnrollmentPurpose.FIRST && !active.isEmpty()) {
      throw new RefusedException("this first-operator link is no longer valid: an operator exists");
    }
    if (nameTaken) {
      throw new RefusedException("the username " + username + " is taken (removed operators keep their names)");
    }
    return active.stream().anyMatch(o -> o.slot() == 1) ? 2 : 1;
  }
}
