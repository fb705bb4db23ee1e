package io.palisade.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom network directories, and genesis files that are wrong in each way we can think of. */
class GenesisReaderTest {
  @TempDir Path dir;

  @Test
  void customDirectory_withConfigNamingItsFiles_andAHardForkEpoch() throws IOException {
    copy(KnownNetwork.PREPROD, "byron-genesis.json", "b.json");
    copy(KnownNetwork.PREPROD, "shelley-genesis.json", "s.json");
    Files.writeString(dir.resolve("config.json"),
        "{\"ByronGenesisFile\":\"b.json\",\"ShelleyGenesisFile\":\"s.json\",\"TestShelleyHardForkAtEpoch\":4}");
    GenesisParameters g = GenesisReader.readDirectory(dir);
    assertThat(g).isEqualTo(withName(KnownNetwork.PREPROD.genesis(), dir.getFileName().toString()));
  }

  @Test
  void customDirectory_withoutByron_isShelleyFromEpochZero() throws IOException {
    Files.writeString(dir.resolve("shelley-genesis.json"), shelley("\"slotLength\": 0.2"));
    GenesisParameters g = GenesisReader.readDirectory(dir);
    assertThat(g.shelleyTransitionEpoch()).isZero();
    assertThat(g.slotLengthMillis()).isEqualTo(200);
    assertThat(g.systemStart()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
  }

  @Test
  void byronWithoutHardForkEpoch_isRejected() throws IOException {
    copy(KnownNetwork.PREPROD, "byron-genesis.json", "byron-genesis.json");
    copy(KnownNetwork.PREPROD, "shelley-genesis.json", "shelley-genesis.json");
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir))
        .isInstanceOf(InvalidGenesisException.class)
        .hasMessageContaining("TestShelleyHardForkAtEpoch");
  }

  @Test
  void statedPraosEpoch_isBabbageElseConway_andEmptyWhenNotStated() throws IOException {
    assertThat(GenesisReader.statedPraosEpoch(null)).isEmpty();
    assertThat(GenesisReader.statedPraosEpoch(dir)).isEmpty();
    Files.writeString(dir.resolve("config.json"),
        "{\"TestBabbageHardForkAtEpoch\": 2, \"TestConwayHardForkAtEpoch\": 5}");
    assertThat(GenesisReader.statedPraosEpoch(dir)).hasValue(2);
    Files.writeString(dir.resolve("config.json"), "{\"TestConwayHardForkAtEpoch\": 5}");
    assertThat(GenesisReader.statedPraosEpoch(dir)).hasValue(5);
    Files.writeString(dir.resolve("config.json"),
        "{\"TestBabbageHardForkAtEpoch\": -1, \"TestConwayHardForkAtEpoch\": \"x\"}");
    assertThat(GenesisReader.statedPraosEpoch(dir)).isEmpty();
    Files.writeString(dir.resolve("config.json"), "{\"TestBabbageHardForkAtEpoch\": ");
    assertThatThrownBy(() -> GenesisReader.statedPraosEpoch(dir)).isInstanceOf(InvalidGenesisException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void missingDirectory_missingFile_badJson_missingField_wrongTypes_areClearErrors() throws IOException {
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir.resolve("nope")))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("no Shelley genesis");
    Files.writeString(dir.resolve("shelley-genesis.json"), "{\"systemStart\": ");
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("not valid JSON");
    Files.writeString(dir.resolve("shelley-genesis.json"), "[1,2]");
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("expected a JSON object");
    Files.writeString(dir.resolve("shelley-genesis.json"), shelley("\"slotLength\": 1").replace("\"epochLength\": 500,", ""));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("missing field epochLength");
    Files.writeString(dir.resolve("shelley-genesis.json"), shelley("\"slotLength\": \"fast\""));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("slotLength must be a number");
    Files.writeString(dir.resolve("shelley-genesis.json"), shelley("\"slotLength\": 0.0001"));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("whole number of milliseconds");
    Files.writeString(dir.resolve("shelley-genesis.json"), shelley("\"slotLength\": 1").replace("500", "0"));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("epochLength must be positive");
    Files.writeString(dir.resolve("shelley-genesis.json"),
        shelley("\"slotLength\": 1").replace("2024-05-01T00:00:00Z", "yesterday"));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).hasMessageContaining("ISO-8601");
  }

  @Test
  void deeplyNestedOrDuplicateKeyJson_isRejected() throws IOException {
    Files.writeString(dir.resolve("shelley-genesis.json"), "[".repeat(10_000));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir)).isInstanceOf(InvalidGenesisException.class);
    Files.writeString(dir.resolve("shelley-genesis.json"), shelley("\"slotLength\": 1, \"slotLength\": 2"));
    assertThatThrownBy(() -> GenesisReader.readDirectory(dir))
        .isInstanceOf(InvalidGenesisException.class)
        .hasMessageContaining("Duplicate");
  }

  private static String shelley(String slotLength) {
    return "{\"systemStart\": \"2024-05-01T00:00:00Z\", \"networkMagic\": 42, \"epochLength\": 500, " + slotLength
        + ", \"slotsPerKESPeriod\": 129600, \"maxKESEvolutions\": 62, \"securityParam\": 10,"
        + " \"activeSlotsCoeff\": 0.05}";
  }

  private void copy(KnownNetwork network, String from, String to) throws IOException {
    try (InputStream in = network.openGenesisFile(from)) {
      Files.copy(in, dir.resolve(to));
    }
  }

  private static GenesisParameters withName(GenesisParameters g, String name) {
    return new GenesisParameters(name, g.networkMagic(), g.systemStart(), g.byronSlotMillis(), g.byronSecurityParam(),
        g.shelleyTransitionEpoch(), g.epochLength(), g.slotLengthMillis(), g.slotsPerKesPeriod(),
        g.maxKesEvolutions(), g.securityParam(), g.activeSlotsCoeff());
  }
}
