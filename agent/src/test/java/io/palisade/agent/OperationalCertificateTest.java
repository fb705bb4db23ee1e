package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading cardano-cli operational certificate files, and refusing anything else. */
class OperationalCertificateTest {
  @TempDir Path dir;

  @Test
  void cardanoCliOpcerts_areRead() {
    OperationalCertificate kesAgent = OperationalCertificate.read(
        SharedData.require("vectors/kes-agent-fixtures/opcert.cert"));
    assertThat(kesAgent.issueCounter()).isEqualTo(7);
    assertThat(kesAgent.kesPeriod()).isEqualTo(1430);
    assertThat(kesAgent.hotVkey()).hasSize(64);
    OperationalCertificate wallet = OperationalCertificate.read(
        SharedData.require("vectors/cardano-wallet-delegate-extended/shelley.000.opcert.json"));
    assertThat(wallet.issueCounter()).isZero();
    assertThat(wallet.kesPeriod()).isZero();
    assertThat(wallet.coldVkey()).startsWith("a1c813ec");
  }

  @Test
  void otherFiles_areRefusedWithAReason() throws Exception {
    assertThatThrownBy(() -> OperationalCertificate.read(dir.resolve("missing.opcert")))
        .isInstanceOf(AgentInputException.class).hasMessageContaining("cannot read");
    Path counter = Files.copy(SharedData.require("vectors/cardano-wallet-delegate-extended/shelley.000.counter.json"),
        dir.resolve("counter.json"));
    assertThatThrownBy(() -> OperationalCertificate.read(counter))
        .hasMessageContaining("type must be \"NodeOperationalCertificate\"");
    Path notJson = Files.writeString(dir.resolve("a"), "hello");
    assertThatThrownBy(() -> OperationalCertificate.read(notJson)).hasMessageContaining("text envelope");
    Path badHex = Files.writeString(dir.resolve("b"), "{\"type\":\"NodeOperationalCertificate\",\"cborHex\":\"zz\"}");
    assertThatThrownBy(() -> OperationalCertificate.read(badHex)).hasMessageContaining("not hexadecimal");
    Path shortKey = Files.writeString(dir.resolve("c"),
        "{\"type\":\"NodeOperationalCertificate\",\"cborHex\":\"82844100000041005820" + "00".repeat(32) + "\"}");
    assertThatThrownBy(() -> OperationalCertificate.read(shortKey)).hasMessageContaining("KES verification key");
    Path huge = Files.writeString(dir.resolve("d"), " ".repeat(70_000));
    assertThatThrownBy(() -> OperationalCertificate.read(huge)).hasMessageContaining("larger than");
  }
}
