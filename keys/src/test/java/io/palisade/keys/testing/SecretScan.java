package io.palisade.keys.testing;

import io.palisade.keys.EnvelopeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks through directories for plaintext key material: a signing-key text envelope, or the bytes (raw or hex) of a
 * known secret. What tests use to prove no command leaves a secret on disk.
 */
public final class SecretScan {
  private SecretScan() {}

  /**
   * Every finding under {@code roots}, as "file: reason".
   *
   * @param secrets raw secrets to look for (raw bytes and lower-case hex)
   */
  public static List<String> findings(List<Path> roots, List<byte[]> secrets) throws IOException {
    return findings(roots, secrets, true);
  }

  /**
   * Like {@link #findings(List, List)}; with {@code envelopes} false only the known secrets are looked for (for shared
   * directories such as the system temp dir, where other programs may keep their own key files).
   */
  public static List<String> findings(List<Path> roots, List<byte[]> secrets, boolean envelopes) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] content;
          try {
            content = Files.readAllBytes(f);
          } catch (IOException e) {
            continue; // gone or unreadable meanwhile: not ours
          }
          String text = new String(content, StandardCharsets.ISO_8859_1);
          for (EnvelopeType t : EnvelopeType.values()) {
            // An envelope is an object with this type and a cborHex; the vault's encrypted entries have no cborHex.
            if (envelopes && t.isSecret() && java.util.regex.Pattern.compile("\\{[^{}]*\"" + java.util.regex.Pattern.quote(t.type())
                + "\"[^{}]*\"cborHex\"").matcher(text).find()) {
              found.add(f + ": a plaintext " + t.type() + " envelope");
            }
          }
          for (byte[] s : secrets) {
            if (indexOf(content, s) >= 0 || text.contains(HexFormat.of().formatHex(s))) {
              found.add(f + ": contains a known secret (" + s.length + " bytes)");
            }
          }
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return Arrays.equals(needle, new byte[0]) ? 0 : -1;
  }
}
