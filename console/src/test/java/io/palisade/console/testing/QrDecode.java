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
  private QrDecode() {}

  /**
   * @param image a picture holding one QR code
   * @return its text
   * @throws AssertionError when no code can be read from it
   */
  public static String text(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels))))
          .getText();
    } catch (NotFoundException | ChecksumException | FormatException e) {
      throw new AssertionError("no QR code could be read from the " + w + "x" + h + " image: " + e, e);
    }
  }
}
