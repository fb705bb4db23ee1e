package io.palisade.console.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;

/** Reads a QR code back from an image, as a phone's camera would: ZXing's reader on the pixels. */
public final class QrDecode {
  /** Pixels cut from each edge before the pure read: the element's border, well inside the code's quiet zone. */
  private static final int BORDER = 2;

  private QrDecode() {}

  /**
   * @param image a picture holding one QR code
   * @return its text
   * @throws AssertionError when no code can be read from it
   */
  public static String text(BufferedImage image) {
    // A camera sees the code with white around it; a screenshot of the element is cut at its border, which the
    // browser may draw touching the code's quiet zone. Read it as taken, then on a white margin, each with ZXing's
    // harder search and both binarizers; last as the pure code it is (inside the element's border), which ZXing's
    // search misses on about one clean code in two hundred (a finder-like pattern in the data).
    BufferedImage framed = new BufferedImage(image.getWidth() + 64, image.getHeight() + 64, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = framed.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
    g.drawImage(image, 32, 32, null);
    g.dispose();
    Exception last = null;
    for (BufferedImage candidate : java.util.List.of(image, framed)) {
      int w = candidate.getWidth();
      int h = candidate.getHeight();
      int[] pixels = candidate.getRGB(0, 0, w, h, null, 0, w);
      RGBLuminanceSource source = new RGBLuminanceSource(w, h, pixels);
      for (BinaryBitmap bitmap : java.util.List.of(new BinaryBitmap(new HybridBinarizer(source)),
          new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)))) {
        try {
          return new QRCodeReader().decode(bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER,
              Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
          last = e;
        }
      }
    }
    int edge = Math.min(BORDER, Math.min(image.getWidth(), image.getHeight()) / 4);
    BufferedImage inner = image.getSubimage(edge, edge, image.getWidth() - 2 * edge, image.getHeight() - 2 * edge);
    int w = inner.getWidth();
    int h = inner.getHeight();
    RGBLuminanceSource source = new RGBLuminanceSource(w, h, inner.getRGB(0, 0, w, h, null, 0, w));
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), java.util.Map.of(
          com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    } catch (NotFoundException | ChecksumException | FormatException e) {
      last = e;
    }
    throw new AssertionError("no QR code could be read from the " + image.getWidth() + "x" + image.getHeight()
        + " image: " + last, last);
  }
}
