package io.palisade.keys.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.PoolId;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.testing.SecretScan;
import io.palisade.keys.testing.TestVaults;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k-of-n shares: any k restore, fewer or a corrupted one fail clearly, the drill writes nothing. */
class KeyBackupTest {
  private static final List<String> PLACES = List.of("Zurich safe", "Lisbon bank box", "Home safe", "Notary", "Tokyo");

  @TempDir Path tmp;

  private PoolId pool;
  private byte[] coldSeed;
  private List<KeyBackup.WrittenShare> written;

  @BeforeEach
  void vaultWithSharesOut() {
    try (Vault v = TestVaults.create(tmp.resolve("vault"), "preview");
        ColdSigningKey cold = ColdSigningKey.generate(new SecureRandom());
        VrfSigningKey vrf = VrfSigningKey.generate(new SecureRandom())) {
      v.put("cold", cold, false);
      v.put("vrf", vrf, false);
      v.recordIssued(4, 800);
      pool = cold.poolId();
      coldSeed = cold.toEnvelope().rawKey(cold.type(), "t");
      written = KeyBackup.create(v, 3, PLACES, tmp.resolve("shares"), Clock.systemUTC());
    }
  }

  private List<BackupShare> read(int... indexes) {
    return java.util.Arrays.stream(indexes).mapToObj(i -> BackupShare.read(written.get(i - 1).jsonFile())).toList();
  }

  @Test
  void anyThree_restoreTheKeys_fromJsonOrPrintableForms() {
    for (int[] set : new int[][] {{1, 2, 3}, {5, 3, 1}, {2, 4, 5}}) {
      KeyBackup.DrillReport r = KeyBackup.drill(read(set), Optional.of(pool));
      assertThat(r.poolIdHex()).isEqualTo(pool.hex());
      assertThat(r.keyNames()).containsExactly("cold", "vrf");
    }
    List<BackupShare> printed = Stream.of(1, 4, 5)
        .map(i -> BackupShare.read(written.get(i - 1).textFile())).toList();
    assertThat(KeyBackup.drill(printed, Optional.empty()).poolIdBech32()).isEqualTo(pool.bech32());
  }

  @Test
  void drill_writesNothing() throws Exception {
    List<Path> before;
    try (Stream<Path> s = Files.walk(tmp)) {
      before = s.sorted().toList();
    }
    KeyBackup.drill(read(1, 2, 3), Optional.of(pool));
    try (Stream<Path> s = Files.walk(tmp)) {
      assertThat(s.sorted().toList()).isEqualTo(before);
    }
  }

  @Test
  void twoShares_needThree() {
    assertThatThrownBy(() -> KeyBackup.drill(read(1, 2), Optional.of(pool)))
        .isInstanceOf(KeysException.class).hasMessageContaining("need 3 shares").hasMessageContaining("got 2");
  }

  @Test
  void corruptedShareValue_isNamedByItsPlace() throws Exception {
    Path f = written.get(1).jsonFile();
    String json = Files.readString(f);
    String value = json.replaceAll("(?s).*\"share\" : \"([0-9a-f]+)\".*", "$1");
    Files.writeString(f, json.replace(value, (value.charAt(0) == 'a' ? "b" : "a") + value.substring(1)));
    assertThatThrownBy(() -> KeyBackup.drill(read(1, 2, 3), Optional.of(pool)))
        .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TAMPERED))
        .hasMessageContaining("share 2 of 5 (Lisbon bank box)").hasMessageContaining("signature does not verify");
  }

  @Test
  void typoInAPrintedLine_isPinnedToThatLine() throws Exception {
    Path f = written.get(0).textFile();
    List<String> lines = Files.readAllLines(f);
    int i = lines.indexOf(PrintableShare.BEGIN) + 5;
    String line = lines.get(i);
    char c = line.charAt(6);
    lines.set(i, line.substring(0, 6) + (c == '7' ? '8' : '7') + line.substring(7));
    Files.write(f, lines);
    assertThatThrownBy(() -> BackupShare.read(f)).hasMessageContaining("share line 5 does not match its checksum");
  }

  @Test
  void truncatedShare_isRefused() throws Exception {
    Path f = written.get(0).jsonFile();
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> BackupShare.read(f)).hasMessageContaining("truncated or corrupted");
  }

  @Test
  void sharesOfTwoSets_doNotMix_andAnotherPoolIsRefused() {
    List<KeyBackup.WrittenShare> second;
    try (Vault v = TestVaults.open(tmp.resolve("vault"))) {
      second = KeyBackup.create(v, 2, List.of("A", "B"), tmp.resolve("shares2"), Clock.systemUTC());
    }
    List<BackupShare> mixed = List.of(read(1).get(0), read(2).get(0), BackupShare.read(second.get(0).jsonFile()));
    assertThatThrownBy(() -> KeyBackup.drill(mixed, Optional.of(pool))).hasMessageContaining("another backup set");
    PoolId other = PoolId.parse("2315ac6271e841d33136fc0604994ff9a5ed64f72fcc7a9ea30df9dd");
    assertThatThrownBy(() -> KeyBackup.drill(read(1, 2, 3), Optional.of(other)))
        .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CHECK_FAILED));
  }

  @Test
  void restore_intoANewVault_givesTheSameKeysAndCounterRecord() throws Exception {
    Path restored = tmp.resolve("new-machine/vault");
    try (VaultCredentials c = VaultCredentials.passphrase("new machine passphrase".toCharArray());
        Vault v = KeyBackup.restore(read(2, 3, 5), Optional.of(pool), restored, c, TestVaults.cheapKdf(),
            Clock.systemUTC())) {
      assertThat(v.poolId()).contains(pool);
      assertThat(v.lastIssuedCounter()).hasValue(4);
      try (ColdSigningKey cold = v.coldKey("cold")) {
        assertThat(cold.toEnvelope().rawKey(cold.type(), "t")).isEqualTo(coldSeed);
      }
    }
    assertThat(SecretScan.findings(List.of(tmp), List.of(coldSeed))).isEmpty();
  }

  @Test
  void badArguments_areRefused() {
    try (Vault v = TestVaults.open(tmp.resolve("vault"))) {
      Path out = tmp.resolve("x");
      assertThatThrownBy(() -> KeyBackup.create(v, 4, List.of("a", "b", "c"), out, Clock.systemUTC()))
          .hasMessageContaining("--threshold must be 2 to the number of shares (3)");
      assertThatThrownBy(() -> KeyBackup.create(v, 1, List.of("a", "b"), out, Clock.systemUTC()))
          .hasMessageContaining("--threshold");
      assertThatThrownBy(() -> KeyBackup.create(v, 3, PLACES, tmp.resolve("shares"), Clock.systemUTC()))
          .hasMessageContaining("already exists");
    }
  }
}
