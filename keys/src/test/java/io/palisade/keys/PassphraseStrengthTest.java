package io.palisade.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.chain.NetworkRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The passphrase rule: a floor everywhere, more for mainnet, with a message that says why and what to do. */
class PassphraseStrengthTest {
  private static final NetworkRef MAINNET = NetworkRef.parse("mainnet");
  private static final NetworkRef PREVIEW = NetworkRef.parse("preview");

  @Test
  void abc_isRefusedEverywhere_withTheReasonAndAdvice() {
    // The issue's own case: "abc" accepted for a mainnet cold-key vault.
    assertThatThrownBy(() -> PassphraseStrength.require("abc".toCharArray(), MAINNET, "new vault passphrase"))
        .isInstanceOfSatisfying(KeysException.class, e -> {
          assertThat(e.kind()).isEqualTo(KeysException.Kind.REFUSED);
          assertThat(e.getMessage()).contains("the new vault passphrase is too weak for mainnet")
              .contains("10^20").contains("Sequences like abc").contains("six or more words picked at random")
              .contains("Nothing was written").doesNotContain("abc\"");
        });
    assertThat(PassphraseStrength.judge("abc".toCharArray(), PREVIEW).strongEnough()).isFalse();
  }

  @Test
  void fourRandomWords_passTheFloor_sixAreNeededForMainnet() {
    char[] four = "wheat ostrich plenty bamboo".toCharArray();
    char[] six = "orbit sawdust lemon violin cactus harbor".toCharArray();
    assertThat(PassphraseStrength.judge(four, PREVIEW).strongEnough()).isTrue();
    assertThat(PassphraseStrength.judge(four, MAINNET).strongEnough()).isFalse();
    assertThat(PassphraseStrength.judge(six, MAINNET).strongEnough()).isTrue();
  }

  @Test
  void separatorsAddNothing_andPalisadesOwnVocabularyCountsAsKnownWords() {
    // With spaces zxcvbn alone rates this sentence far above the floor; without them it is a few common words.
    assertThat(PassphraseStrength.judge("mainnet passphrase for my pool".toCharArray(), MAINNET).strongEnough())
        .isFalse();
    assertThat(PassphraseStrength.judge("vault passphrase for tests".toCharArray(), PREVIEW).strongEnough())
        .isFalse();
    assertThat(PassphraseStrength.judge("palisade-cardano-vault".toCharArray(), PREVIEW).strongEnough()).isFalse();
  }

  @Test
  void unknownNetwork_isHeldToMainnetsRequirement_customNetworksToTheFloor() {
    assertThat(PassphraseStrength.requiredLog10(null)).isEqualTo(PassphraseStrength.MAINNET_LOG10);
    assertThat(PassphraseStrength.requiredLog10(new NetworkRef(java.util.Optional.empty(),
        java.util.Optional.of(Path.of("./my-testnet"))))).isEqualTo(PassphraseStrength.FLOOR_LOG10);
    assertThat(PassphraseStrength.FLOOR_LOG10).isLessThan(PassphraseStrength.MAINNET_LOG10);
  }

  @Test
  void theCallersArrayIsLeftAsItWas_andAnEmptyOneIsRefused() {
    char[] p = "orbit sawdust lemon violin cactus harbor".toCharArray();
    PassphraseStrength.require(p, MAINNET, "bundle passphrase");
    assertThat(new String(p)).isEqualTo("orbit sawdust lemon violin cactus harbor");
    assertThat(PassphraseStrength.judge(new char[0], PREVIEW).strongEnough()).isFalse();
  }

  @Test
  void aVeryLongPassphrase_isJudgedQuicklyOnItsPrefix() {
    char[] longOne = ("orbit sawdust lemon violin cactus harbor ".repeat(100)).toCharArray();
    long start = System.nanoTime();
    assertThat(PassphraseStrength.judge(longOne, MAINNET).strongEnough()).isTrue();
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(10_000);
  }
}
