package io.palisade.keys;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.palisade.chain.NetworkRef;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How strong a new passphrase that protects keys (a vault, a hot-key bundle) must be, and whether one is.
 *
 * <p>Whoever copies a vault or a bundle can guess its passphrase offline, as fast as their hardware runs Argon2id, for
 * as long as they like. So the rule is a number of guesses, estimated by zxcvbn (dictionaries of common passwords,
 * names and words, keyboard patterns, dates, repeats, l33t substitutions; Palisade's own vocabulary counts as known
 * words; separators between words do not count): at least 10^{@value #FLOOR_LOG10} everywhere (the floor),
 * 10^{@value #MAINNET_LOG10} for mainnet, whose keys guard real stake. Four words picked at random pass the floor, six
 * pass for mainnet; a sentence, a quote or a word with digits and symbols added usually does not.
 *
 * <p>The passphrase is judged as a {@link CharBuffer} over a copy of the caller's array, never as a {@link String}, and
 * every copy is wiped after the estimate.
 */
public final class PassphraseStrength {
  /** The floor on every network: about 47 bits. */
  public static final int FLOOR_LOG10 = 14;
  /** Mainnet's requirement: about 66 bits. */
  public static final int MAINNET_LOG10 = 20;
  /**
   * Only this many characters are judged: the estimate's cost grows quickly with the length, and a prefix strong
   * enough makes the whole strong enough.
   */
  static final int JUDGED_CHARS = 128;

  /** Words an attacker who knows this is a Cardano pool's passphrase tries first. */
  private static final List<String> CONTEXT = List.of("palisade", "cardano", "stake", "pool", "stakepool", "vault",
      "bundle", "passphrase", "password", "secret", "cold", "key", "keys", "hot", "mainnet", "preprod", "preview",
      "testnet", "ada", "lovelace", "node", "relay", "producer");

  private static final Zxcvbn ZXCVBN = new Zxcvbn();

  private PassphraseStrength() {}

  /**
   * The estimate for one passphrase, and the requirement it was held to.
   *
   * @param guessesLog10 zxcvbn's estimate of the guesses needed, as a power of ten
   * @param requiredLog10 the requirement, as a power of ten
   * @param warning zxcvbn's warning ("This is a top-100 common password"), or empty
   * @param suggestions zxcvbn's suggestions
   */
  public record Verdict(double guessesLog10, int requiredLog10, String warning, List<String> suggestions) {
    /** Copies the list. */
    public Verdict {
      suggestions = List.copyOf(suggestions);
    }

    /** Whether the passphrase meets the requirement. */
    public boolean strongEnough() {
      return guessesLog10 >= requiredLog10;
    }
  }

  /**
   * The requirement for keys of a network.
   *
   * @param network the network the keys are for, or null when not known (the mainnet requirement then applies)
   * @return the required number of guesses, as a power of ten
   */
  public static int requiredLog10(NetworkRef network) {
    return network == null || network.isMainnet() ? MAINNET_LOG10 : FLOOR_LOG10;
  }

  /**
   * Estimates a passphrase's strength; reads it, keeps no copy.
   *
   * @param passphrase the passphrase (not changed; the caller still wipes it)
   * @param network the network the keys are for, or null when not known
   * @return the verdict
   */
  public static Verdict judge(char[] passphrase, NetworkRef network) {
    int required = requiredLog10(network);
    if (passphrase.length == 0) {
      return new Verdict(0, required, "The passphrase is empty.", List.of());
    }
    List<String> context = new ArrayList<>(CONTEXT);
    if (network != null) {
      context.add(network.toString().toLowerCase(Locale.ROOT));
    }
    int n = Math.min(passphrase.length, JUDGED_CHARS);
    // zxcvbn wipes the text it measured (Strength.wipe), so it gets copies, never the caller's array.
    char[] copy = Arrays.copyOf(passphrase, n);
    Verdict whole;
    try {
      whole = measure(CharBuffer.wrap(copy), context, required);
    } finally {
      Arrays.fill(copy, '\0');
    }
    // zxcvbn counts each separator as a guess of its own, so "pool vault" rates far above "poolvault"; separators
    // add next to nothing to a real attack, so the passphrase is also judged without them and the weaker verdict
    // holds.
    char[] joined = new char[n];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (!isSeparator(passphrase[i])) {
        joined[j++] = passphrase[i];
      }
    }
    try {
      if (j == n || j == 0) {
        return whole;
      }
      Verdict bare = measure(CharBuffer.wrap(joined, 0, j), context, required);
      return bare.guessesLog10() < whole.guessesLog10() ? bare : whole;
    } finally {
      Arrays.fill(joined, '\0');
    }
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || c == '-' || c == '_' || c == '.' || c == ',' || c == '+' || c == '/';
  }

  private static Verdict measure(CharSequence text, List<String> context, int required) {
    Strength s = ZXCVBN.measure(text, context);
    try {
      String warning = s.getFeedback().getWarning(Locale.ENGLISH);
      return new Verdict(s.getGuessesLog10(), required, warning == null ? "" : warning,
          s.getFeedback().getSuggestions(Locale.ENGLISH));
    } finally {
      s.wipe();
    }
  }

  /**
   * Refuses a passphrase weaker than the requirement, saying why and how to choose a better one.
   *
   * @param passphrase the new passphrase
   * @param network the network the keys are for, or null when not known
   * @param what what the passphrase protects ("new vault passphrase")
   * @throws KeysException of kind {@link KeysException.Kind#REFUSED} when it is too weak; nothing has been written
   */
  public static void require(char[] passphrase, NetworkRef network, String what) {
    Verdict v = judge(passphrase, network);
    if (v.strongEnough()) {
      return;
    }
    StringBuilder m = new StringBuilder();
    m.append("the ").append(what).append(" is too weak");
    m.append(network == null ? "" : " for " + (network.isMainnet() ? "mainnet" : "a test network"));
    m.append(String.format(Locale.ROOT, ": it would fall after about 10^%.0f guesses, and ", Math.floor(
        v.guessesLog10())));
    m.append(network == null ? "keys" : network.isMainnet() ? "mainnet keys" : "keys on any network");
    m.append(" need at least 10^").append(v.requiredLog10()).append(" (whoever copies the file can guess offline,"
        + " without limit). Nothing was written.");
    if (!v.warning().isEmpty()) {
      m.append("\n").append(v.warning());
    }
    v.suggestions().forEach(s -> m.append("\n").append(s));
    m.append("\nChoose ").append(v.requiredLog10() >= MAINNET_LOG10 ? "six" : "four")
        .append(" or more words picked at random (dice and a word list, or a password manager's generator), not a"
            + " sentence, a quote or a name; length counts, symbols hardly do. Keep it on paper with the backups.");
    throw new KeysException(KeysException.Kind.REFUSED, m.toString());
  }
}
