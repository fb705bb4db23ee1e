package io.palisade.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.QrDecode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enrollment's QR code reads back as the otpauth URI it was made from. */
class QrCodeSvgTest {
  private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
  private static final Pattern VIEW = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

  /** Draws the SVG's squares as pixels, 8 a module, white around them. */
  static BufferedImage raster(String svg) {
    return raster(svg, 8);
  }

  /** Draws the SVG's squares as pixels, {@code scale} a module, white around them. */
  static BufferedImage raster(String svg, int scale) {
    Matcher v = VIEW.matcher(svg);
    assertThat(v.find()).isTrue();
    int size = Integer.parseInt(v.group(1));
    BufferedImage img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, 0xffffff);
      }
    }
    Matcher m = MODULE.matcher(svg);
    while (m.find()) {
      int mx = Integer.parseInt(m.group(1));
      int my = Integer.parseInt(m.group(2));
      for (int y = my * scale; y < (my + 1) * scale; y++) {
        for (int x = mx * scale; x < (mx + 1) * scale; x++) {
          img.setRGB(x, y, 0);
        }
      }
    }
    return img;
  }

  @Test
  void theCodeReadsBackAsTheOtpauthUri_withItsQuietZone() {
    String uri = "otpauth://totp/Palisade%20console:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        + "&issuer=Palisade%20console&algorithm=SHA1&digits=6&period=30";
    String svg = QrCodeSvg.svg(uri);
    assertThat(QrDecode.text(raster(svg))).isEqualTo(uri);
    // Nothing is drawn in the four modules around the code.
    Matcher m = MODULE.matcher(svg);
    int min = Integer.MAX_VALUE;
    while (m.find()) {
      min = Math.min(min, Math.min(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    assertThat(min).isEqualTo(QrCodeSvg.QUIET_ZONE);

    String data = QrCodeSvg.dataUri(uri);
    assertThat(data).startsWith("data:image/svg+xml;base64,");
    assertThat(new String(Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1)),
        StandardCharsets.UTF_8)).isEqualTo(svg);
  }

  // The console shows the code at the SVG's own size, 6 px a module, in a 1 px grey border; the browser test reads
  // it back from a screenshot. ZXing's search alone missed about one such clean code in two hundred (stop 26's CI
  // run k failed on one, shown then at 4.7 px a module): every code of a few hundred random secrets reads back.
  @Test
  void everyEnrollmentsCode_readsBackAsTheConsoleShowsIt() {
    java.util.Random random = new java.util.Random(26);
    String base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for (int i = 0; i < 400; i++) {
      StringBuilder secret = new StringBuilder();
      for (int k = 0; k < 32; k++) {
        secret.append(base32.charAt(random.nextInt(32)));
      }
      String uri = "otpauth://totp/Palisade%20console:alice?secret=" + secret
          + "&issuer=Palisade%20console&algorithm=SHA1&digits=6&period=30";
      String svg = QrCodeSvg.svg(uri);
      Matcher view = VIEW.matcher(svg);
      assertThat(view.find()).isTrue();
      assertThat(svg).as("drawn at 6 px a module").contains("width=\"" + Integer.parseInt(view.group(1)) * 6 + "\"");
      BufferedImage code = raster(svg, 6);
      BufferedImage shown = new BufferedImage(code.getWidth() + 2, code.getHeight() + 2, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < shown.getHeight(); y++) {
        for (int x = 0; x < shown.getWidth(); x++) {
          boolean border = x == 0 || y == 0 || x == shown.getWidth() - 1 || y == shown.getHeight() - 1;
          shown.setRGB(x, y, border ? 0xd0d0d0 : code.getRGB(x - 1, y - 1));
        }
      }
      assertThat(QrDecode.text(shown)).as(uri).isEqualTo(uri);
    }
  }
}
