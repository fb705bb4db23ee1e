package io.palisade.console.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A QR code as an SVG image in a {@code data:} URI (the Content-Security-Policy allows {@code img-src 'self' data:}):
 * ZXing encodes, this class draws one square a dark module, with the quiet zone the standard asks for. Used for the
 * TOTP enrollment's {@code otpauth://} URI, so an authenticator app can scan it; the secret stays shown as text.
 */
final class QrCodeSvg {
  /** The quiet zone around the code, in modules (ISO/IEC 18004: four). */
  static final int QUIET_ZONE = 4;

  private QrCodeSvg() {}

  /**
   * @param text what the code holds (at most a few hundred characters)
   * @return {@code data:image/svg+xml;base64,...}
   * @throws IllegalArgumentException when the text does not fit a QR code
   */
  static String dataUri(String text) {
    return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg(text)
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param text what the code holds
   * @return the SVG document
   */
  static String svg(String text) {
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
          EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
    }
    int size = m.getWidth() + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" width=\""
        + size * 6 + "\" height=\"" + size * 6 + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size
        + "\" height=\"" + size + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }
}
